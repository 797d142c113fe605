package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEvents;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * Batches (ecomnow.consumer.batch-size, 50 by default): messages that wait in the queue are applied in shared
 * transactions and acked together, and a batch with a bad or failing message falls back to one-by-one processing
 * without applying anything twice. Messages are queued while the listener is stopped, so they arrive together.
 */
class BatchConsumptionTest extends ConsumerBrokerTest {

    @Autowired
    SimpleMessageListenerContainer container;

    @AfterEach
    void listenerRunsAgain() {
        container.start();
    }

    @Test
    void queuedEventsShareTransactionsAndAreAllAcked() {
        List<OrderCreated> events = IntStream.range(0, 20).mapToObj(i -> OrderEvents.orderCreated()).toList();
        List<UUID> orders = events.stream().map(OrderCreated::orderId).toList();

        container.stop();
        events.forEach(this::publish);
        container.start();

        await().atMost(WAIT).until(() -> orders.stream().allMatch(order -> handler.effects(order) == 1));
        assertThat(handler.transactions(orders)).as("transactions for 20 events").isLessThanOrEqualTo(10);
        assertThat(handler.correlationIds(orders)).as("correlation id in the handler's logs").containsExactly("corr-batch");
        // Stopping the listener hands every unacked message back to the queue: none may be left.
        container.stop();
        assertThat(messageCount(queue())).isZero();
    }

    @Test
    void aFailureInsideABatchRollsItBackAndEveryEventIsStillAppliedExactlyOnce() {
        List<OrderCreated> events = IntStream.range(0, 10).mapToObj(i -> OrderEvents.orderCreated()).toList();
        OrderCreated flaky = events.get(4);
        AtomicInteger calls = new AtomicInteger();
        // Fails in the batch and in its first single attempt, so it also goes through a retry queue.
        handler.script(flaky.orderId(), event -> {
            if (calls.getAndIncrement() < 2) {
                throw new IllegalStateException("simulated outage");
            }
        });
        MessageProperties poisonProperties = new MessageProperties();
        poisonProperties.setContentType("application/json");
        poisonProperties.setMessageId("poison-" + UUID.randomUUID());
        double retriedBefore = count("retried");
        double parkedBefore = count("dead_lettered");

        container.stop();
        events.subList(0, 5).forEach(this::publish);
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                new Message("{not json".getBytes(StandardCharsets.UTF_8), poisonProperties));
        events.subList(5, 10).forEach(this::publish);
        container.start();

        await().atMost(WAIT).until(() -> events.stream().allMatch(event -> handler.effects(event.orderId()) >= 1));
        await().atMost(WAIT).until(() -> count("dead_lettered") >= parkedBefore + 1);
        assertThat(events).allSatisfy(event -> assertThat(handler.effects(event.orderId())).isEqualTo(1));
        assertThat(calls).hasValueGreaterThanOrEqualTo(3);
        // Once if the failure hit it inside a batch first, twice if it came alone (the poison breaks batches).
        assertThat(count("retried")).isBetween(retriedBefore + 1, retriedBefore + 2);
        assertThat(count("dead_lettered")).isEqualTo(parkedBefore + 1);
    }

    @Test
    void duplicatesInsideABatchAndEventsSeenBeforeAreSkipped() {
        OrderCreated seenBefore = OrderEvents.orderCreated();
        publish(seenBefore);
        await().atMost(WAIT).until(() -> handler.effects(seenBefore.orderId()) == 1);
        OrderCreated twice = OrderEvents.orderCreated();
        OrderCreated once = OrderEvents.orderCreated();
        double settledBefore = count("processed") + count("duplicate");
        double duplicatesBefore = count("duplicate");

        container.stop();
        publish(seenBefore);
        publish(twice);
        publish(twice);
        publish(once);
        container.start();

        await().atMost(WAIT).until(() -> count("processed") + count("duplicate") >= settledBefore + 4);
        assertThat(count("duplicate")).isEqualTo(duplicatesBefore + 2);
        assertThat(handler.effects(seenBefore.orderId())).isEqualTo(1);
        assertThat(handler.effects(twice.orderId())).isEqualTo(1);
        assertThat(handler.effects(once.orderId())).isEqualTo(1);
    }

    private void publish(OrderCreated event) {
        publish(event, "corr-batch");
    }
}
