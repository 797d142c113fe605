package com.ecomnow.messaging.consumer;

import java.time.Duration;
import java.util.List;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;

import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.publish.ConfirmedPublisher;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * Non-blocking retry: a failed message is republished to the retry queue for its attempt, where it waits
 * without holding a consumer thread, and expires back into the service's own queue. The wait lives in the
 * broker, so a restart does not forget it.
 *
 * <p>Attempts are counted in our own header ({@link EventHeaders#ATTEMPTS}): RabbitMQ 4 no longer counts client
 * republishes in {@code x-death}, and Qpid has no {@code x-death} at all.
 */
public class RetryScheduler {

    private final ConfirmedPublisher publisher;
    private final String queue;
    private final List<Duration> delays;

    public RetryScheduler(ConfirmedPublisher publisher, String queue, List<Duration> delays) {
        this.publisher = publisher;
        this.queue = queue;
        this.delays = List.copyOf(delays);
    }

    /** Attempts made before this delivery, from our header (0 for a first delivery). */
    public static int previousAttempts(Message message) {
        Object value = message.getMessageProperties().getHeader(EventHeaders.ATTEMPTS);
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value == null ? 0 : Integer.parseInt(value.toString());
        }
        catch (NumberFormatException garbage) {
            return 0;
        }
    }

    /** Whether a message that failed on attempt {@code attempt} (1-based) gets another one. */
    public boolean canRetry(int attempt) {
        return attempt <= delays.size();
    }

    /** Republishes the message to wait before attempt {@code attempt + 1}, and waits for the broker's confirm. */
    public Duration schedule(Message message, int attempt, Throwable reason) {
        Duration delay = delays.get(attempt - 1);
        // A received message has no delivery mode; without this the waiting copy would not survive a restart.
        message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        message.getMessageProperties().setHeader(EventHeaders.ATTEMPTS, attempt);
        message.getMessageProperties().setHeader(EventHeaders.LAST_ERROR, abbreviate(reason.toString()));
        publisher.publish(TopologyNames.retryExchange(queue), TopologyNames.retryQueue(queue, delay), message)
                .orThrow();
        return delay;
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
