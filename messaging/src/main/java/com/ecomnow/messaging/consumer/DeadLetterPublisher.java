package com.ecomnow.messaging.consumer;

import java.time.Clock;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;

import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.publish.ConfirmedPublisher;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * Parks a message in its queue's dead-letter queue with the reason in headers, ready to be replayed.
 *
 * <p>Spring AMQP's {@link RepublishMessageRecoverer} builds the parked copy (it adds the exception message and
 * stack trace); this class adds what an operator needs to replay it: the original queue, the exception type, the
 * attempts and the time. Republishing, rather than {@code basic.reject} to a broker-side dead-letter exchange,
 * carries those headers and behaves the same on every AMQP 0-9-1 broker. The copy goes out through
 * {@link ConfirmedPublisher}, so the original is acked only once its copy is safe.
 */
public class DeadLetterPublisher {

    private final RepublishMessageRecoverer recoverer;
    private final String queue;
    private final Clock clock;

    public DeadLetterPublisher(RabbitTemplate template, ConfirmedPublisher publisher, String queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
        this.recoverer = new RepublishMessageRecoverer(template, TopologyNames.deadLetterExchange(queue),
                TopologyNames.deadLetterQueue(queue)) {

            @Override
            protected void doSend(String exchange, String routingKey, Message message) {
                publisher.publish(exchange, routingKey, message).orThrow();
            }
        };
    }

    public void park(Message message, Throwable reason, int attempts) {
        MessageProperties properties = message.getMessageProperties();
        properties.setHeader(EventHeaders.ORIGINAL_QUEUE, queue);
        properties.setHeader(EventHeaders.EXCEPTION_TYPE, reason.getClass().getName());
        properties.setHeader(EventHeaders.ATTEMPTS, attempts);
        properties.setHeader(EventHeaders.FAILED_AT, clock.instant().toString());
        // The recoverer reports the message of the cause it is given, so hand it a wrapper around the reason.
        recoverer.recover(message, new DeadLetteredException(reason));
    }

    /** Wraps the real reason, whose message then becomes the {@code x-exception-message} header. */
    static final class DeadLetteredException extends RuntimeException {

        DeadLetteredException(Throwable reason) {
            super("parked in dead-letter queue", reason);
        }
    }
}
