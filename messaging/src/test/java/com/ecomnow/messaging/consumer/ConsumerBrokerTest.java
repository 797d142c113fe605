package com.ecomnow.messaging.consumer;

import java.time.Duration;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the consumer tests against a real broker share: the test consumer application on {@code test_queue}
 * (one Spring context for all of them), publishing through the fanout exchange, and reading the outcome counters.
 */
@SpringBootTest(classes = TestConsumerApplication.class)
@TestPropertySource(locations = "classpath:messaging-test-consumer.properties")
@BrokerIntegrationTest
abstract class ConsumerBrokerTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    OrderEventMessages messages;

    @Autowired
    TopologyNames names;

    @Autowired
    RecordingHandler handler;

    @Autowired
    MeterRegistry meters;

    String queue() {
        return names.queue("test_queue");
    }

    void publish(OrderCreated event, String correlationId) {
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                messages.toMessage(event, correlationId));
    }

    /** The consumer's {@code ecomnow.consumer.messages} counter for one outcome (processed, duplicate, ...). */
    double count(String outcome) {
        var counter = meters.find("ecomnow.consumer.messages").tag("queue", queue()).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    int messageCount(String queue) {
        return rabbit.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
    }
}
