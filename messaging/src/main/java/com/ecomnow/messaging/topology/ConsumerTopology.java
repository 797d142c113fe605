package com.ecomnow.messaging.topology;

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
                .deadLetterExchange(dlxName)
                .deadLetterRoutingKey(dlqName)
                .build();
        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(dlxName).durable(true).build();
        Queue deadLetterQueue = QueueBuilder.durable(dlqName).build();

        Binding subscription = BindingBuilder.bind(queue).to(events);
        Binding parking = BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(dlqName);
        return new Declarables(events, queue, deadLetterExchange, deadLetterQueue, subscription, parking);
    }
}
