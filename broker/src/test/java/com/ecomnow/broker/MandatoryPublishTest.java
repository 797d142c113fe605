package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

/**
 * Mandatory publish with no route under publisher confirms. RabbitMQ sends basic.return, then basic.ack;
 * Qpid sends basic.nack first, then basic.return.
 */
class MandatoryPublishTest {

    @Test
    void unroutableMandatoryMessageIsNackedThenReturned() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Connection connection = Clients.factory(EmbeddedBrokers.sharedForTests()).newConnection();
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("mandatory.unbound", "fanout", true);
            channel.confirmSelect();
            channel.addReturnListener(returned -> events.add("return:" + returned.getReplyCode()));
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long deliveryTag, boolean multiple) {
                    events.add("ack");
                }

                @Override
                public void handleNack(long deliveryTag, boolean multiple) {
                    events.add("nack");
                }
            });

            channel.basicPublish("mandatory.unbound", "any", true, null, "lost".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);
            assertThat(channel.isOpen()).isTrue();
        }
        assertThat(events).containsExactly("nack", "return:312");
    }
}
