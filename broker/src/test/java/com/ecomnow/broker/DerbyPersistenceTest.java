package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the Derby store, durable queues and persistent messages survive a broker restart. */
class DerbyPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void persistentMessageSurvivesRestart() throws Exception {
        BrokerOptions options = BrokerOptions.defaults().withPort(0).withStore(BrokerStore.DERBY).withDataDir(dataDir);

        try (EmbeddedBroker broker = new EmbeddedBroker(options).start();
             Connection connection = Clients.factory(broker).newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("orders.durable", true, false, false, null);
            channel.basicPublish("", "orders.durable", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "kept".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", "orders.durable", MessageProperties.TEXT_PLAIN,
                    "transient".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(dataDir.resolve("broker")).isDirectory();
        try (EmbeddedBroker broker = new EmbeddedBroker(options).start();
             Connection connection = Clients.factory(broker).newConnection();
             Channel channel = connection.createChannel()) {
            GetResponse response = channel.basicGet("orders.durable", true);
            assertThat(response).isNotNull();
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(channel.basicGet("orders.durable", true)).isNull();
        }
    }
}
