package com.ecomnow.messaging.event;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.ecomnow.messaging.topology.TopologyNames;

/** Publishes to the test context's own {@code order_events} exchange, as order-api would. */
public class TestEventPublisher {

    private final RabbitTemplate rabbit;
    private final TopologyNames names;
    private final OrderEventMessages messages;

    public TestEventPublisher(RabbitTemplate rabbit, TopologyNames names, OrderEventMessages messages) {
        this.rabbit = rabbit;
        this.names = names;
        this.messages = messages;
    }

    public void publish(OrderCreated event) {
        send(messages.toMessage(event, "test-correlation"));
    }

    public void publishRaw(String body, String contentType) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(contentType);
        send(new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /** Reads the next parked message of a service's queue, or null. */
    public Message nextDeadLetter(String queueBaseName, long timeoutMillis) {
        return rabbit.receive(TopologyNames.deadLetterQueue(names.queue(queueBaseName)), timeoutMillis);
    }

    private void send(Message message) {
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY, message);
    }
}
