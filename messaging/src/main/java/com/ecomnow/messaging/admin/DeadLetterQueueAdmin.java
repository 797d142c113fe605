package com.ecomnow.messaging.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.publish.ConfirmedPublisher;
import com.ecomnow.messaging.topology.TopologyNames;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

/**
 * Looks into a service's dead-letter queue and moves messages back to the service's own queue, never to the
 * fanout exchange: the other services already processed the event and must not get it again.
 *
 * <p>Both operations take messages with {@code basic.get} without acking them, so nothing is lost if the service
 * dies half-way: whatever was not settled returns to the DLQ when the channel closes.
 */
public class DeadLetterQueueAdmin {

    /** Headers that belonged to the failed attempts; a replayed message starts afresh. */
    private static final List<String> FAILURE_HEADERS = List.of(EventHeaders.ATTEMPTS, EventHeaders.LAST_ERROR,
            EventHeaders.EXCEPTION_TYPE, EventHeaders.FAILED_AT, EventHeaders.ORIGINAL_QUEUE, "x-exception-message",
            "x-exception-stacktrace", "x-original-exchange", "x-original-routingKey", "x-death", "x-first-death-exchange",
            "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue",
            "x-last-death-reason");

    /** One replay call moves at most this many messages; call again for more. */
    static final int MAX_PER_REPLAY = 10_000;

    private final RabbitTemplate template;
    private final ConfirmedPublisher publisher;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();
    private final String queue;
    private final Clock clock;

    public DeadLetterQueueAdmin(RabbitTemplate template, ConfirmedPublisher publisher, String queue, Clock clock) {
        this.template = template;
        this.publisher = publisher;
        this.queue = queue;
        this.clock = clock;
    }

    public record ParkedMessage(String messageId, String type, String exceptionType, String reason, Object attempts,
            String failedAt, String originalQueue, int bodyBytes, String bodyPreview) {
    }

    public record Overview(String queue, String deadLetterQueue, long count, List<ParkedMessage> messages) {
    }

    public record ReplayResult(String deadLetterQueue, String replayedTo, int replayed, List<String> messageIds) {
    }

    /** The number of parked messages and the first {@code limit} of them, left in place. */
    public Overview peek(int limit) {
        String dlq = TopologyNames.deadLetterQueue(queue);
        return template.execute(channel -> {
            long count = channel.queueDeclarePassive(dlq).getMessageCount();
            List<ParkedMessage> messages = new ArrayList<>();
            List<Long> taken = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    GetResponse response = channel.basicGet(dlq, false);
                    if (response == null) {
                        break;
                    }
                    taken.add(response.getEnvelope().getDeliveryTag());
                    messages.add(describe(response));
                }
            }
            finally {
                requeue(channel, taken);
            }
            return new Overview(queue, dlq, count, messages);
        });
    }

    /**
     * Moves parked messages back to the service's queue: all of them, or only those whose {@code message_id}
     * (the event id) is {@code eventId}. Each is acked in the DLQ only after the broker confirmed its copy (a
     * return, no route to the queue, counts as failure: the message would otherwise leave the DLQ for nowhere).
     */
    public ReplayResult replay(String eventId) {
        String dlq = TopologyNames.deadLetterQueue(queue);
        // Marks this replay's copies: one that fails again is parked again with this header while the loop below
        // is still running, and must not be replayed a second time by the same call.
        String replayedAt = clock.instant().toString();
        return template.execute(channel -> {
            List<String> replayed = new ArrayList<>();
            List<Long> skipped = new ArrayList<>();
            try {
                // Until the DLQ has nothing left to give: skipped messages stay unacked (so basic.get does not hand
                // them out again) until the end. The message count is not used as the bound: right after a
                // requeue it can lag behind.
                for (int i = 0; i < MAX_PER_REPLAY; i++) {
                    GetResponse response = channel.basicGet(dlq, false);
                    if (response == null) {
                        break;
                    }
                    long tag = response.getEnvelope().getDeliveryTag();
                    String messageId = response.getProps().getMessageId();
                    skipped.add(tag); // requeued unless it is safely replayed below
                    if ((eventId != null && !eventId.equals(messageId)) || replayedBy(response, replayedAt)) {
                        continue;
                    }
                    publisher.publish(TopologyNames.retryExchange(queue), queue, freshStart(response, replayedAt))
                            .orThrow();
                    skipped.remove(Long.valueOf(tag));
                    channel.basicAck(tag, false);
                    replayed.add(messageId);
                }
            }
            finally {
                requeue(channel, skipped);
            }
            return new ReplayResult(dlq, queue, replayed.size(), replayed);
        });
    }

    private static boolean replayedBy(GetResponse response, String replayedAt) {
        Map<String, Object> headers = response.getProps().getHeaders();
        return headers != null && replayedAt.equals(text(headers.get(EventHeaders.REPLAYED_AT)));
    }

    private Message freshStart(GetResponse response, String replayedAt) {
        MessageProperties properties = converter.toMessageProperties(response.getProps(), response.getEnvelope(),
                StandardCharsets.UTF_8.name());
        properties.getHeaders().keySet().removeAll(FAILURE_HEADERS);
        properties.setHeader(EventHeaders.REPLAYED_AT, replayedAt);
        // A received message has no delivery mode; without this the replayed copy would not survive a restart.
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(response.getBody(), properties);
    }

    private static void requeue(Channel channel, List<Long> deliveryTags) throws IOException {
        // One by one: Qpid mishandles a multiple nack.
        for (long tag : deliveryTags) {
            channel.basicNack(tag, false, true);
        }
    }

    private static ParkedMessage describe(GetResponse response) {
        AMQP.BasicProperties properties = response.getProps();
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        String body = new String(response.getBody(), StandardCharsets.UTF_8);
        return new ParkedMessage(properties.getMessageId(), properties.getType(),
                text(headers.get(EventHeaders.EXCEPTION_TYPE)), text(headers.get("x-exception-message")),
                headers.get(EventHeaders.ATTEMPTS) == null ? null : text(headers.get(EventHeaders.ATTEMPTS)),
                text(headers.get(EventHeaders.FAILED_AT)), text(headers.get(EventHeaders.ORIGINAL_QUEUE)),
                response.getBody().length, body.length() <= 200 ? body : body.substring(0, 200) + "...");
    }

    private static String text(Object header) {
        return header == null ? null : header.toString();
    }
}
