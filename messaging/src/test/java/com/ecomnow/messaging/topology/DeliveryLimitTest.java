package com.ecomnow.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.ecomnow.messaging.consumer.TestConsumerApplication;
import com.ecomnow.testsupport.BrokerIntegrationTest;
import com.ecomnow.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * The broker's last guard, on a queue declared as every consumer's is: a message whose consumer dies before it
 * can settle it (here: its channel closes unacked, as when the process is killed), every time, is parked in the
 * DLQ after the delivery limit instead of being redelivered for ever. The broker decides this: RabbitMQ's quorum
 * queue delivery limit. The embedded broker (Qpid) does not count a closed channel's deliveries, so it is skipped
 * there.
 */
@SpringBootTest(classes = TestConsumerApplication.class)
@TestPropertySource(locations = "classpath:messaging-test-consumer.properties")
@BrokerIntegrationTest
class DeliveryLimitTest {

    private static final int LIMIT = 3;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopologyNames names;

    @Test
    void aMessageThatKillsItsConsumerEveryTimeEndsInTheDeadLetterQueueAfterTheLimit() throws Exception {
        assumeTrue(TestBroker.source() != TestBroker.Source.EMBEDDED, "RabbitMQ's delivery limit");
        String queue = names.queue("crashing_queue");
        String dlq = TopologyNames.deadLetterQueue(queue);
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        GenericApplicationContext declarations = new GenericApplicationContext();
        declarations.registerBean("topology", org.springframework.amqp.core.Declarables.class,
                () -> OrderEventsTopology.forQueue(names, queue, List.of(), LIMIT));
        declarations.refresh();
        admin.setApplicationContext(declarations);
        admin.afterPropertiesSet();
        admin.initialize();
        try {
            String messageId = UUID.randomUUID().toString();
            MessageProperties properties = new MessageProperties();
            properties.setMessageId(messageId);
            rabbit.send("", queue, new Message("poison".getBytes(StandardCharsets.UTF_8), properties));

            int deliveries = 0;
            while (deliveries <= LIMIT + 2 && deliverAndDie(queue)) {
                deliveries++;
            }

            assertThat(deliveries).as("deliveries before the broker gave up").isBetween(LIMIT, LIMIT + 1);
            Message parked = rabbit.receive(dlq, 10_000);
            assertThat(parked).as("parked in " + dlq).isNotNull();
            assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(messageId);
            Integer left = rabbit.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
            assertThat(left).as("left in " + queue).isZero();
        }
        finally {
            admin.deleteQueue(queue);
            admin.deleteQueue(dlq);
            declarations.close();
        }
    }

    /** Receives the message on a fresh channel and closes it without an ack: false if nothing came. */
    private boolean deliverAndDie(String queue) throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            Channel channel = connection.createChannel(false);
            BlockingQueue<Long> delivered = new ArrayBlockingQueue<>(1);
            channel.basicQos(1);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    delivered.offer(envelope.getDeliveryTag());
                }
            });
            boolean got = delivered.poll(3, TimeUnit.SECONDS) != null;
            channel.abort(); // no ack, no nack: what a killed consumer leaves
            return got;
        }
    }
}
