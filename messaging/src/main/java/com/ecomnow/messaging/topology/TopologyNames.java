package com.ecomnow.messaging.topology;

/**
 * The names of every exchange and queue EcomNow uses, derived in one place.
 *
 * <p>A non-empty namespace prefixes every name ({@code <namespace>.order_events}), so several environments (or
 * test runs) can share one broker without seeing each other's messages. It is empty in normal runs.
 */
public final class TopologyNames {

    /** The durable fanout exchange every order event is published to. */
    public static final String ORDER_EVENTS_EXCHANGE = "order_events";

    /** Routing key used on publish. A fanout exchange ignores it; it documents the event on the wire. */
    public static final String ORDER_CREATED_ROUTING_KEY = "order.created";

    private final String namespace;

    public TopologyNames(String namespace) {
        this.namespace = namespace == null ? "" : namespace.trim();
    }

    public String orderEventsExchange() {
        return qualify(ORDER_EVENTS_EXCHANGE);
    }

    /** The name of a service's own queue, e.g. {@code email_queue}. */
    public String queue(String baseName) {
        return qualify(baseName);
    }

    /** The direct exchange a queue's failed messages are sent to. */
    public static String deadLetterExchange(String queue) {
        return queue + ".dlx";
    }

    /** Where a queue's failed messages are parked, with the reason in headers, until someone replays them. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    /** The direct exchange through which a queue's messages come back to it: from a retry queue, or a replay. */
    public static String retryExchange(String queue) {
        return queue + ".retry";
    }

    /** Where a failed message waits, for {@code delay}, before it returns to its queue. */
    public static String retryQueue(String queue, java.time.Duration delay) {
        return queue + ".retry." + delay.toMillis() + "ms";
    }

    public String namespace() {
        return namespace;
    }

    private String qualify(String name) {
        return namespace.isEmpty() ? name : namespace + "." + name;
    }
}
