package com.ecomnow.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queue-declare arguments that give Qpid the dead-letter and TTL behaviour RabbitMQ gets from
 * {@code x-dead-letter-exchange} and {@code x-message-ttl} (which the embedded broker ignores).
 * Add them next to the RabbitMQ arguments; RabbitMQ stores and ignores non-{@code x-} arguments.
 * The destination (exchange or queue) must already exist when the queue is declared.
 */
public final class QpidQueueArguments {

    public static final String ALTERNATE_BINDING = "alternateBinding";
    public static final String MAXIMUM_DELIVERY_ATTEMPTS = "maximumDeliveryAttempts";
    public static final String MAXIMUM_MESSAGE_TTL = "maximumMessageTtl";
    public static final String EXPIRY_POLICY = "expiryPolicy";
    public static final String ROUTE_TO_ALTERNATE = "ROUTE_TO_ALTERNATE";

    private QpidQueueArguments() {
    }

    /**
     * Rejected/nacked (requeue=false) messages go to {@code destination}. One delivery attempt is what makes
     * that happen: with more, Qpid leaves a rejected message unacknowledged; with none, it requeues it.
     */
    public static Map<String, Object> deadLetterTo(String destination) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put(ALTERNATE_BINDING, alternateBinding(destination));
        arguments.put(MAXIMUM_DELIVERY_ATTEMPTS, 1);
        return arguments;
    }

    /**
     * Messages older than {@code ttlMillis} go to {@code destination} (within the broker's 500 ms
     * housekeeping period). The message keeps its routing key, so for a retry queue point the destination
     * straight at the work queue's name rather than at the default exchange.
     */
    public static Map<String, Object> expireTo(String destination, long ttlMillis) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put(ALTERNATE_BINDING, alternateBinding(destination));
        arguments.put(MAXIMUM_MESSAGE_TTL, ttlMillis);
        arguments.put(EXPIRY_POLICY, ROUTE_TO_ALTERNATE);
        return arguments;
    }

    /** {@code {"destination": <exchange or queue>}} sent as a nested AMQP field table. */
    public static Map<String, Object> alternateBinding(String destination) {
        return Map.of("destination", destination);
    }
}
