package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import org.junit.jupiter.api.Test;

/** Spring AMQP and the RabbitMQ client authenticate with PLAIN; Qpid only offers it over TLS by default. */
class PlainAuthenticationTest {

    @Test
    void clientConnectsWithPlainOverPlainTcp() throws Exception {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        ConnectionFactory factory = Clients.factory(broker);
        factory.setSaslConfig(DefaultSaslConfig.PLAIN);

        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.getServerProperties()).containsKey("product");
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        ConnectionFactory factory = Clients.factory(EmbeddedBrokers.sharedForTests());
        factory.setPassword("wrong");

        assertThatThrownBy(factory::newConnection).isInstanceOf(Exception.class);
    }
}
