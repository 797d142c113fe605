package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

/** Qpid refuses unknown declare arguments (542, connection closed) unless told to ignore them. */
class RabbitMqQueueArgumentsTest {

    @Test
    void queueDeclaredWithRabbitMqArgumentsIsAccepted() throws Exception {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        try (Connection connection = Clients.factory(broker).newConnection();
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("rabbit-args.dlx", "fanout", true);

            channel.queueDeclare("rabbit-args.queue", true, false, false, Map.of(
                    "x-dead-letter-exchange", "rabbit-args.dlx",
                    "x-dead-letter-routing-key", "rabbit-args.dlq",
                    "x-message-ttl", 60_000,
                    "x-queue-type", "classic",
                    "x-expires", 3_600_000));

            assertThat(channel.isOpen()).isTrue();
            assertThat(channel.queueDeclarePassive("rabbit-args.queue").getMessageCount()).isZero();
        }
    }

    @Test
    void exchangeDeclaredWithRabbitMqArgumentsIsAccepted() throws Exception {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        try (Connection connection = Clients.factory(broker).newConnection();
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("rabbit-args.alternate", "fanout", true);

            channel.exchangeDeclare("rabbit-args.exchange", "direct", true, false,
                    Map.of("alternate-exchange", "rabbit-args.alternate"));

            assertThat(channel.isOpen()).isTrue();
        }
    }
}
