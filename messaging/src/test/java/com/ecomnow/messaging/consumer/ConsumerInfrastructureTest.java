package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

import com.ecomnow.messaging.admin.DeadLetterQueueAdmin;
import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEvents;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * The consumer infrastructure against a real broker: routing through the fanout exchange, manual acks,
 * redelivery, idempotency under duplicates, retry, and dead-lettering with reasons.
 */
class ConsumerInfrastructureTest extends ConsumerBrokerTest {

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    DeadLetterQueueAdmin dlqAdmin;

    private void publish(OrderCreated event) {
        publish(event, "corr-test");
    }

    /** The next parked message with this id, skipping any another test left behind in the shared DLQ. */
    private Message receiveDeadLetter(String messageId) {
        return receiveDeadLetter(messageId, WAIT);
    }

    private Message receiveDeadLetter(String messageId, Duration wait) {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(TopologyNames.deadLetterQueue(queue()),
                    Math.max(1, deadline - System.currentTimeMillis()));
            if (message != null && messageId.equals(message.getMessageProperties().getMessageId())) {
                return message;
            }
        }
        return null;
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
    void twoCopiesDeliveredAtTheSameMomentChangeThingsOnce() {
        OrderCreated event = OrderEvents.orderCreated();
        double settledBefore = count("processed") + count("duplicate");
        double duplicatesBefore = count("duplicate");

        // Two consumer threads: the copies are processed in parallel, and the inbox's primary key serialises them.
        publish(event);
        publish(event);

        await().atMost(WAIT).until(() -> count("processed") + count("duplicate") >= settledBefore + 2);
        assertThat(count("duplicate")).isEqualTo(duplicatesBefore + 1);
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
        assertThat(receiveDeadLetter(event.eventId().toString(), Duration.ofMillis(500))).isNull();
    }

    @Test
    void aFailingMessageWaitsInTheBrokerForEachRetryWhileLaterMessagesFlowPastIt() {
        OrderCreated failing = OrderEvents.orderCreated();
        List<Long> attemptTimes = new CopyOnWriteArrayList<>();
        handler.script(failing.orderId(), e -> {
            attemptTimes.add(System.nanoTime());
            throw new IllegalStateException("still broken");
        });
        OrderCreated later = OrderEvents.orderCreated();
        AtomicLong laterProcessedAt = new AtomicLong();
        handler.script(later.orderId(), e -> laterProcessedAt.set(System.nanoTime()));

        publish(failing);
        publish(later);

        Message parked = receiveDeadLetter(failing.eventId().toString());
        long parkedAt = System.nanoTime();
        assertThat(parked).isNotNull();
        assertThat(attemptTimes).hasSize(3);
        assertThat(laterProcessedAt.get()).as("the later message was processed before the failing one was parked")
                .isPositive().isLessThan(parkedAt);
        // The configured delays (200 ms, 400 ms) separate the attempts; Qpid expires messages on a 500 ms tick.
        assertThat(Duration.ofNanos(attemptTimes.get(1) - attemptTimes.get(0))).isBetween(Duration.ofMillis(190),
                Duration.ofMillis(3000));
        assertThat(Duration.ofNanos(attemptTimes.get(2) - attemptTimes.get(1))).isBetween(Duration.ofMillis(390),
                Duration.ofMillis(3000));
    }

    @Test
    void parkedMessagesCanBeListedAndReplayedToThisQueueOnceTheFaultIsGone() {
        OrderCreated event = OrderEvents.orderCreated();
        AtomicBoolean broken = new AtomicBoolean(true);
        handler.script(event.orderId(), e -> {
            if (broken.get()) {
                throw new IllegalStateException("fault not fixed yet");
            }
        });
        publish(event);
        await().atMost(WAIT).until(() -> messageCount(TopologyNames.deadLetterQueue(queue())) == 1);

        DeadLetterQueueAdmin.Overview overview = dlqAdmin.peek(10);
        assertThat(overview.count()).isEqualTo(1);
        assertThat(overview.messages()).singleElement().satisfies(parked -> {
            assertThat(parked.messageId()).isEqualTo(event.eventId().toString());
            assertThat(parked.reason()).isEqualTo("fault not fixed yet");
            assertThat(parked.exceptionType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(parked.attempts()).isEqualTo("3");
        });
        // Peeking leaves it parked (the broker's count catches up with the requeue a moment later).
        await().atMost(WAIT).until(() -> messageCount(TopologyNames.deadLetterQueue(queue())) == 1);
        assertThat(dlqAdmin.replay(UUID.randomUUID().toString()).replayed()).as("another event id").isZero();

        broken.set(false);
        DeadLetterQueueAdmin.ReplayResult replay = dlqAdmin.replay(event.eventId().toString());

        assertThat(replay.replayed()).isEqualTo(1);
        assertThat(replay.replayedTo()).isEqualTo(queue());
        await().atMost(WAIT).until(() -> handler.effects(event.orderId()) == 1);
        assertThat(messageCount(TopologyNames.deadLetterQueue(queue()))).isZero();
    }

    @Test
    void aReplayMovesEachParkedMessageOnceEvenIfItIsParkedAgainDuringTheReplay() {
        // Events the handler still rejects: each replayed copy is parked again within milliseconds, while the
        // replay is still taking the next ones from the same DLQ.
        rabbit.execute(channel -> channel.queuePurge(TopologyNames.deadLetterQueue(queue())));
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 30; i++) {
            OrderCreated event = OrderEvents.orderCreated();
            handler.script(event.orderId(), e -> {
                throw new InvalidEventException("still rejected");
            });
            ids.add(event.eventId().toString());
            publish(event);
        }
        try {
            await().atMost(WAIT).until(() -> messageCount(TopologyNames.deadLetterQueue(queue())) == ids.size());

            DeadLetterQueueAdmin.ReplayResult replay = dlqAdmin.replay(null);

            assertThat(replay.messageIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(replay.replayed()).isEqualTo(ids.size());
            await().atMost(WAIT).until(() -> messageCount(TopologyNames.deadLetterQueue(queue())) == ids.size());
        }
        finally {
            // The DLQ is shared by this class's tests, and one of them counts what it holds.
            rabbit.execute(channel -> channel.queuePurge(TopologyNames.deadLetterQueue(queue())));
        }
    }

    static Stream<Arguments> badMessages() {
        String valid = "{\"eventId\":\"6b0d3c36-8f3a-4f0e-9a39-0c4f6b1c2d3e\",\"orderId\":\"6b0d3c36-8f3a-4f0e-9a39-0c4f6b1c2d3f\","
                + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"customerEmail\":\"a@b.c\",\"items\":[{\"sku\":\"X\",\"quantity\":1,"
                + "\"unitPrice\":1}],\"totalAmount\":1,\"currency\":\"EUR\"}";
        return Stream.of(
                Arguments.of("not JSON", "hello", "application/json", null, "not a valid order.created JSON"),
                Arguments.of("JSON of the wrong shape", "[1,2]", "application/json", null, "not a valid order.created"),
                Arguments.of("an unrelated object", "{\"hello\":\"world\"}", "application/json", null,
                        "eventId is missing"),
                Arguments.of("missing eventId", valid.replace("\"eventId\":\"6b0d3c36-8f3a-4f0e-9a39-0c4f6b1c2d3e\",", ""),
                        "application/json", null, "eventId is missing"),
                Arguments.of("unknown event type", valid, "application/json", "order.cancelled",
                        "unknown event type 'order.cancelled'"),
                Arguments.of("not JSON content", valid, "text/plain", null, "is not application/json"),
                Arguments.of("huge body", "{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", "application/json", null,
                        "exceeds the 1048576 bytes allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void aBadMessageIsParkedWithItsReasonAndTheQueueKeepsFlowing(String name, String body, String contentType,
            String type, String reason) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(contentType);
        properties.setType(type);
        String messageId = "bad-" + UUID.randomUUID();
        properties.setMessageId(messageId);
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));
        OrderCreated good = OrderEvents.orderCreated();
        publish(good);

        Message parked = receiveDeadLetter(messageId);
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(messageId);
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message")).contains(reason);
        assertThat(parked.getMessageProperties().<Integer>getHeader(EventHeaders.ATTEMPTS)).isEqualTo(1);
        await().atMost(WAIT).until(() -> handler.effects(good.orderId()) == 1);
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

        Message parked = receiveDeadLetter(event.eventId().toString());
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

        Message parked = receiveDeadLetter(event.eventId().toString());
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

        Message parked = receiveDeadLetter(properties.getMessageId());
        assertThat(parked).isNotNull();
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(parked.getMessageProperties().<String>getHeader(EventHeaders.EXCEPTION_TYPE))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message"))
                .startsWith("body is not a valid order.created JSON document");
        assertThat(parked.getMessageProperties().<Integer>getHeader(EventHeaders.ATTEMPTS)).isEqualTo(1);
        await().atMost(WAIT).until(() -> handler.effects(good.orderId()) == 1);
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
