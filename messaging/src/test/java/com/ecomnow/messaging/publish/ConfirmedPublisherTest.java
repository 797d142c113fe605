package com.ecomnow.messaging.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import com.ecomnow.messaging.consumer.TestConsumerApplication;
import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

/**
 * What the broker decides about a publish, on a real broker: a routed message is confirmed; a message no queue
 * takes (mandatory: returned by RabbitMQ, nacked by Qpid) counts as not delivered, which is what keeps the outbox
 * row, the original delivery or the parked copy in place.
 */
@SpringBootTest(classes = TestConsumerApplication.class)
@TestPropertySource(locations = "classpath:messaging-test-consumer.properties")
@BrokerIntegrationTest
class ConfirmedPublisherTest {

    @Autowired
    ConfirmedPublisher publisher;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    TopologyNames names;

    private static Message message() {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(UUID.randomUUID().toString());
        return new Message("{}".getBytes(StandardCharsets.UTF_8), properties);
    }

    @Test
    void aRoutedMessageIsConfirmedAndAnUnroutableOneComesBackAsNotDelivered() {
        String exchange = names.queue("confirmed-publisher-test");
        String queue = exchange + ".q";
        admin.declareExchange(new DirectExchange(exchange, false, false));
        admin.declareQueue(new Queue(queue, false, false, false));
        admin.declareBinding(new org.springframework.amqp.core.Binding(queue,
                org.springframework.amqp.core.Binding.DestinationType.QUEUE, exchange, "routed", null));
        try {
            ConfirmedPublisher.Result routed = publisher.publish(exchange, "routed", message());
            assertThat(routed.confirmed()).as(routed.problem()).isTrue();
            assertThat(rabbit.receive(queue, 5_000)).as("the confirmed message is in its queue").isNotNull();

            ConfirmedPublisher.Result unroutable = publisher.publish(exchange, "nowhere", message());
            assertThat(unroutable.confirmed()).isFalse();
            // RabbitMQ returns it and then acks; Qpid Broker-J nacks it: both are "not delivered".
            assertThat(unroutable.problem()).containsAnyOf("returned", "nacked");
            assertThatThrownBy(unroutable::orThrow).isInstanceOf(ConfirmedPublisher.NotConfirmedException.class);
        }
        finally {
            admin.deleteQueue(queue);
            admin.deleteExchange(exchange);
        }
    }

    @Test
    void aMissingExchangeIsNotDelivered() {
        ConfirmedPublisher.Result result = publisher.publish(names.queue("no-such-exchange"), "x", message());
        assertThat(result.confirmed()).isFalse();
    }
}
