package com.ecomnow.messaging.topology;

import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * Declares what one consumer service owns: its durable queue bound to {@code order_events}, and a dead-letter
 * exchange that leads to its own {@code <queue>.dlq}.
 *
 * <p>The fanout exchange is declared here too (declaring is idempotent), so a consumer can start before
 * order-api has ever run and still gets its binding.
 */
public final class ConsumerTopology {

    /** Qpid Broker-J's queue argument for where rejected (and expired) messages go. */
    static final String QPID_ALTERNATE_BINDING = "alternateBinding";

    private ConsumerTopology() {
    }

    public static FanoutExchange orderEventsExchange(TopologyNames names) {
        return ExchangeBuilder.fanoutExchange(names.orderEventsExchange()).durable(true).build();
    }

    public static Declarables forQueue(TopologyNames names, String queueName) {
        FanoutExchange events = orderEventsExchange(names);
        String dlxName = TopologyNames.deadLetterExchange(queueName);
        String dlqName = TopologyNames.deadLetterQueue(queueName);

        Queue queue = QueueBuilder.durable(queueName)
                // RabbitMQ's dead-lettering...
                .deadLetterExchange(dlxName)
                .deadLetterRoutingKey(dlqName)
                // ...and Qpid's: each broker ignores the other's arguments. Qpid keeps the original routing key
                // when it dead-letters, so its alternate binding points straight at the DLQ.
                .withArgument(QPID_ALTERNATE_BINDING, Map.of("destination", dlqName))
                .build();
        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(dlxName).durable(true).build();
        Queue deadLetterQueue = QueueBuilder.durable(dlqName).build();

        Binding subscription = BindingBuilder.bind(queue).to(events);
        Binding parking = BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(dlqName);
        // The DLQ first: Qpid refuses an alternate binding to a destination that does not exist yet.
        return new Declarables(events, deadLetterExchange, deadLetterQueue, parking, queue, subscription);
    }
}
