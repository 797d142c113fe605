package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedBrokerExtension.class)
class EmbeddedBrokerExtensionTest {

    @Test
    void accessorsDescribeTheSharedBroker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(EmbeddedBrokerExtension.host());
        factory.setPort(EmbeddedBrokerExtension.port());
        factory.setUsername(EmbeddedBrokerExtension.username());
        factory.setPassword(EmbeddedBrokerExtension.password());
        factory.setVirtualHost(EmbeddedBrokerExtension.virtualHost());

        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).isTrue();
        }
        assertThat(EmbeddedBrokerExtension.port()).isEqualTo(EmbeddedBrokers.sharedForTests().port());
        assertThat(EmbeddedBrokerExtension.username()).isEqualTo("guest");
    }
}
