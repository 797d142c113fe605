package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.event.OrderEvents;
import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer infrastructure against a real broker: routing through the fanout exchange, manual acks,
 * redelivery, idempotency under duplicates, retry, and dead-lettering with reasons.
 */
@SpringBootTest(classes = TestConsumerApplication.class)
@TestPropertySource(locations = "classpath:messaging-test-consumer.properties")
@BrokerIntegrationTest
class ConsumerInfrastructureTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    OrderEventMessages messages;

    @Autowired
    TopologyNames names;

    @Autowired
    RecordingHandler handler;

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    MeterRegistry meters;

    private String queue() {
        return names.queue("test_queue");
    }

    private void publish(OrderCreated event) {
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                messages.toMessage(event, "corr-test"));
    }

    private Message receiveDeadLetter() {
        return rabbit.receive(TopologyNames.deadLetterQueue(queue()), WAIT.toMillis());
    }

    private double count(String outcome) {
        var counter = meters.find("ecomnow.consumer.messages").tag("queue", queue()).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anEventPublishedToTheExchangeIsProcessedOnceAndAcked() {
        OrderCreated event = OrderEvents.orderCreated();

        publish(event);

        await().atMost(WAIT).until(() -> handler.effects(event.orderId()) == 1);
        await().atMost(WAIT).until(() -> messageCount(queue()) == 0);
        assertThat(handler.effects(event.orderId())).isEqualTo(1);
    }

    @Test
    void theSameEventTwiceChangesNothingTheSecondTime() {
        OrderCreated event = OrderEvents.orderCreated();
        double duplicatesBefore = count("duplicate");

        publish(event);
        await().atMost(WAIT).until(() -> handler.effects(event.orderId()) == 1);
        publish(event);

        await().atMost(WAIT).until(() -> count("duplicate") == duplicatesBefore + 1);
        assertThat(handler.effects(event.orderId())).isEqualTo(1);
    }

    @Test
    void twoCopiesProcessedAtTheSameMomentChangeThingsOnce() throws Exception {
        OrderCreated event = OrderEvents.orderCreated();
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicInteger handlerCalls = new AtomicInteger();
        // Each copy waits (briefly) for the other inside the transaction, so they really overlap when they can.
        handler.script(event.orderId(), e -> {
            handlerCalls.incrementAndGet();
            try {
                bothInside.await(2, TimeUnit.SECONDS);
            }
            catch (Exception timedOut) {
                // the other copy is blocked on the inbox row lock: exactly the case under test
            }
        });
        double settledBefore = count("processed") + count("duplicate");

        publish(event);
        publish(event);

        await().atMost(WAIT).until(() -> count("processed") + count("duplicate") >= settledBefore + 2);
        assertThat(handler.effects(event.orderId())).isEqualTo(1);
        assertThat(messageCount(queue())).isZero();
    }

    @Test
    void aMessageInterruptedBeforeItsAckIsRedeliveredAndAppliedOnce() throws Exception {
        OrderCreated event = OrderEvents.orderCreated();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        handler.script(event.orderId(), e -> {
            if (deliveries.incrementAndGet() == 1) {
                inHandler.countDown();
                waitFor(release);
            }
        });

        double duplicatesBefore = count("duplicate");

        publish(event);
        assertThat(inHandler.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // The consumer's connection dies before it can ack: the broker must redeliver the message.
        connectionFactory.resetConnection();
        release.countDown();

        // The first attempt still commits; the redelivered copy then finds the event in the inbox.
        await().atMost(WAIT).until(() -> count("duplicate") == duplicatesBefore + 1);
        await().atMost(WAIT).until(() -> messageCount(queue()) == 0);
        assertThat(handler.effects(event.orderId())).isEqualTo(1);
        assertThat(deliveries.get()).isEqualTo(1);
    }

    @Test
    void aTransientFailureIsRetriedAndThenSucceedsOnce() {
        OrderCreated event = OrderEvents.orderCreated();
        AtomicInteger attempts = new AtomicInteger();
        handler.script(event.orderId(), e -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database hiccup " + attempts.get());
            }
        });

        publish(event);

        await().atMost(WAIT).until(() -> handler.effects(event.orderId()) == 1);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(rabbit.receive(TopologyNames.deadLetterQueue(queue()), 500)).isNull();
    }

    @Test
    void aPersistentFailureIsParkedAfterTheConfiguredAttemptsWithItsReason() {
        OrderCreated event = OrderEvents.orderCreated();
        AtomicInteger attempts = new AtomicInteger();
        handler.script(event.orderId(), e -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("downstream is down");
        });

        publish(event);

        Message parked = receiveDeadLetter();
        assertThat(parked).isNotNull();
        MessageProperties headers = parked.getMessageProperties();
        assertThat(headers.getMessageId()).isEqualTo(event.eventId().toString());
        assertThat(headers.<String>getHeader(EventHeaders.EXCEPTION_TYPE))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(headers.<String>getHeader("x-exception-message")).isEqualTo("downstream is down");
        assertThat(headers.<Integer>getHeader(EventHeaders.ATTEMPTS)).isEqualTo(3);
        assertThat(headers.<String>getHeader(EventHeaders.ORIGINAL_QUEUE)).isEqualTo(queue());
        assertThat(headers.<String>getHeader(EventHeaders.FAILED_AT)).isNotBlank();
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(handler.effects(event.orderId())).isZero();
    }

    @Test
    void anEventTheHandlerCallsInvalidIsParkedWithoutRetries() {
        OrderCreated event = OrderEvents.orderCreated();
        AtomicInteger attempts = new AtomicInteger();
        handler.script(event.orderId(), e -> {
            attempts.incrementAndGet();
            throw new InvalidEventException("SKU BOOK-001 is not stocked");
        });

        publish(event);

        Message parked = receiveDeadLetter();
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message"))
                .isEqualTo("SKU BOOK-001 is not stocked");
        assertThat(parked.getMessageProperties().<Integer>getHeader(EventHeaders.ATTEMPTS)).isEqualTo(1);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aMalformedMessageIsParkedAtOnceAndTheNextGoodMessageIsProcessed() {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setMessageId("poison-" + UUID.randomUUID());
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                new Message("{not json".getBytes(StandardCharsets.UTF_8), properties));
        OrderCreated good = OrderEvents.orderCreated();
        publish(good);

        Message parked = receiveDeadLetter();
        assertThat(parked).isNotNull();
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(parked.getMessageProperties().<String>getHeader(EventHeaders.EXCEPTION_TYPE))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message"))
                .startsWith("body is not a valid order.created JSON document");
        assertThat(parked.getMessageProperties().<Integer>getHeader(EventHeaders.ATTEMPTS)).isEqualTo(1);
        await().atMost(WAIT).until(() -> handler.effects(good.orderId()) == 1);
    }

    private int messageCount(String queue) {
        return rabbit.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
