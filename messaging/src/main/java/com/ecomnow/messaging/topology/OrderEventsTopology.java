package com.ecomnow.messaging.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The {@code order_events} topology both sides declare: order-api the fanout exchange it publishes to
 * ({@link #orderEventsExchange}), each consumer service what it owns ({@link #forQueue}), for queue {@code Q}:
 * <ul>
 * <li>{@code Q}, durable, bound to the {@code order_events} fanout exchange;</li>
 * <li>{@code Q.dlx} (direct) and {@code Q.dlq}: where messages that still fail are parked;</li>
 * <li>{@code Q.retry} (direct) and one {@code Q.retry.<delay>ms} queue per retry delay: a failed message waits
 * there, off the main queue so other messages keep flowing, and expires back into {@code Q}, and only into
 * {@code Q}: the other services never see a retry.</li>
 * </ul>
 * On RabbitMQ every queue is a quorum queue (its durable, replicated type; RabbitMQ 4 removed mirrored classic
 * queues) and dead-letters at least once, so a message is not lost between a queue and its dead-letter target
 * even if the broker fails at that moment. The main queue has a delivery limit: a message whose consumer dies
 * before it can settle it, every time, is parked in the DLQ instead of being redelivered forever (RabbitMQ only:
 * the embedded broker has no equivalent for a consumer that dies). Every queue
 * carries RabbitMQ's arguments and Qpid Broker-J's (each broker ignores the other's), so the same declaration
 * behaves the same on both. Per-queue TTLs are used because Qpid reads a per-message
 * {@code expiration} as an absolute time. The fanout exchange is declared here too (declaring is idempotent), so
 * a consumer can start before order-api.
 */
public final class OrderEventsTopology {

    /** Qpid: where rejected and expired messages go. Qpid keeps the original routing key, so it names a queue. */
    static final String QPID_ALTERNATE_BINDING = "alternateBinding";
    /** Qpid: per-queue message TTL in milliseconds. */
    static final String QPID_MESSAGE_TTL = "maximumMessageTtl";
    /** Qpid: what happens to expired messages; ROUTE_TO_ALTERNATE sends them to the alternate binding. */
    static final String QPID_EXPIRY_POLICY = "expiryPolicy";
    /**
     * A DLQ is only read by an operator, whose peek puts messages back (a delivery each time): no limit. RabbitMQ 4
     * gives quorum queues a limit of 20 unless told; 3.x accepts no negative value, so "no limit" is a large one.
     */
    static final int UNLIMITED_DELIVERIES = Integer.MAX_VALUE;

    private OrderEventsTopology() {
    }

    public static FanoutExchange orderEventsExchange(TopologyNames names) {
        return ExchangeBuilder.fanoutExchange(names.orderEventsExchange()).durable(true).build();
    }

    /**
     * @param deliveryLimit how many times the broker may deliver a message of the main queue before it parks it
     */
    public static Declarables forQueue(TopologyNames names, String queueName, List<Duration> retryDelays,
            int deliveryLimit) {
        FanoutExchange events = orderEventsExchange(names);
        String dlxName = TopologyNames.deadLetterExchange(queueName);
        String dlqName = TopologyNames.deadLetterQueue(queueName);
        String retryExchangeName = TopologyNames.retryExchange(queueName);

        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(dlxName).durable(true).build();
        Queue deadLetterQueue = QueueBuilder.durable(dlqName).quorum()
                .withArgument("x-delivery-limit", UNLIMITED_DELIVERIES)
                .build();
        Queue queue = QueueBuilder.durable(queueName).quorum()
                .deliveryLimit(deliveryLimit)
                .deadLetterExchange(dlxName)
                .deadLetterRoutingKey(dlqName)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish) // at-least-once dead-lettering requires it
                .withArgument(QPID_ALTERNATE_BINDING, Map.of("destination", dlqName))
                .build();
        DirectExchange retryExchange = ExchangeBuilder.directExchange(retryExchangeName).durable(true).build();

        // Qpid refuses an alternate binding to a destination that does not exist yet: declare targets first.
        List<Declarable> declarables = new ArrayList<>(List.of(events, deadLetterExchange, deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(dlqName), queue,
                BindingBuilder.bind(queue).to(events), retryExchange,
                BindingBuilder.bind(queue).to(retryExchange).with(queueName)));
        for (Duration delay : retryDelays) {
            String retryQueueName = TopologyNames.retryQueue(queueName, delay);
            Queue retryQueue = QueueBuilder.durable(retryQueueName).quorum()
                    .ttl(Math.toIntExact(delay.toMillis()))
                    .deadLetterExchange(retryExchangeName)
                    .deadLetterRoutingKey(queueName)
                    .withArgument("x-dead-letter-strategy", "at-least-once")
                    .overflow(QueueBuilder.Overflow.rejectPublish)
                    .withArgument(QPID_MESSAGE_TTL, delay.toMillis())
                    .withArgument(QPID_EXPIRY_POLICY, "ROUTE_TO_ALTERNATE")
                    .withArgument(QPID_ALTERNATE_BINDING, Map.of("destination", queueName))
                    .build();
            Binding waiting = BindingBuilder.bind(retryQueue).to(retryExchange).with(retryQueueName);
            declarables.add(retryQueue);
            declarables.add(waiting);
        }
        return new Declarables(declarables);
    }
}
