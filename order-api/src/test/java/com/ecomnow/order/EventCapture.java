package com.ecomnow.order;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * Stands in for a consumer: a queue bound to the test's own {@code order_events} exchange on the real broker,
 * and a way to wait for one order's event on it. {@code @Import(EventCapture.class)} in a test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EventCapture {

    private final RabbitTemplate rabbit;
    private final TopologyNames names;
    private final OrderEventMessages messages;

    EventCapture(RabbitTemplate rabbit, TopologyNames names, OrderEventMessages messages) {
        this.rabbit = rabbit;
        this.names = names;
        this.messages = messages;
    }

    @Bean
    Queue captureQueue(TopologyNames names) {
        return QueueBuilder.durable(names.queue("capture")).build();
    }

    @Bean
    Binding captureBinding(Queue captureQueue, FanoutExchange orderEventsExchange) {
        return BindingBuilder.bind(captureQueue).to(orderEventsExchange);
    }

    /**
     * The next event for this order on the capture queue, skipping other tests' events (their relay may still be
     * publishing when this test starts); {@code null} if none comes in time.
     */
    public Message nextEventFor(String orderId, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(names.queue("capture"), Math.max(1, deadline - System.currentTimeMillis()));
            if (message != null && messages.read(message).orderId().toString().equals(orderId)) {
                return message;
            }
        }
        return null;
    }
}
