package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

/** maximumMessageTtl + expiryPolicy ROUTE_TO_ALTERNATE moves expired messages on housekeeping (500 ms here). */
class TtlExpiryTest {

    @Test
    void expiredMessageIsRoutedToTheAlternateExchange() throws Exception {
        try (Connection connection = Clients.factory(EmbeddedBrokers.sharedForTests()).newConnection();
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("ttl.target", "fanout", true);
            channel.queueDeclare("ttl.target.queue", true, false, false, null);
            channel.queueBind("ttl.target.queue", "ttl.target", "");
            channel.queueDeclare("ttl.waiting", true, false, false, Map.of(
                    "alternateBinding", Map.of("destination", "ttl.target"),
                    "maximumMessageTtl", 1000,
                    "expiryPolicy", "ROUTE_TO_ALTERNATE"));

            channel.basicPublish("", "ttl.waiting", null, "retry-me".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> channel.queueDeclarePassive("ttl.target.queue").getMessageCount() == 1);
            assertThat(channel.queueDeclarePassive("ttl.waiting").getMessageCount()).isZero();
        }
    }

    @Test
    void retryQueueCanExpireStraightBackIntoTheWorkQueue() throws Exception {
        try (Connection connection = Clients.factory(EmbeddedBrokers.sharedForTests()).newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("ttl.work", true, false, false, null);
            channel.queueDeclare("ttl.work.retry", true, false, false,
                    QpidQueueArguments.expireTo("ttl.work", 500L));

            channel.basicPublish("", "ttl.work.retry", null, "again".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> channel.queueDeclarePassive("ttl.work").getMessageCount() == 1);
        }
    }

    @Test
    void perMessageExpirationIsAnAbsoluteTimestampNotRelativeMillis() throws Exception {
        try (Connection connection = Clients.factory(EmbeddedBrokers.sharedForTests()).newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("ttl.expiration", true, false, false, null);
            long inOneMinute = System.currentTimeMillis() + 60_000;

            publishWithExpiration(channel, "60000", "relative");
            publishWithExpiration(channel, Long.toString(inOneMinute), "absolute");

            // RabbitMQ would keep "relative" for a minute; Qpid reads 60000 as 1970-01-01T00:01:00Z: expired.
            assertThat(new String(channel.basicGet("ttl.expiration", true).getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("absolute");
            assertThat(channel.basicGet("ttl.expiration", true)).isNull();
        }
    }

    private static void publishWithExpiration(Channel channel, String expiration, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().expiration(expiration).build();
        channel.basicPublish("", "ttl.expiration", properties, body.getBytes(StandardCharsets.UTF_8));
    }
}
