package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEvents;

/**
 * {@link BatchWindow} on a real broker: a steady stream of events, each published alone, is applied in batches
 * that waited for each other (with the quiet window of 1 ms each event would commit alone, or with one other),
 * and a lone event after a pause puts the short window back.
 */
class AdaptiveBatchWindowTest extends ConsumerBrokerTest {

    @Autowired
    SimpleMessageListenerContainer container;

    @Test
    void aSteadyStreamSharesCommitsAndALoneEventAfterAPauseSetsTheShortWindowBack() throws InterruptedException {
        List<OrderCreated> stream = IntStream.range(0, 100).mapToObj(i -> OrderEvents.orderCreated()).toList();
        List<UUID> orders = stream.stream().map(OrderCreated::orderId).toList();

        Set<Long> windowsDuringTheStream = new HashSet<>();
        for (OrderCreated event : stream) {
            publish(event, "corr-stream");
            Thread.sleep(5); // about 200 events a second, above the busy rate (50)
            windowsDuringTheStream.add(batchWindowMillis());
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(order -> handler.effects(order) == 1));
        assertThat(handler.transactions(orders)).as("transactions for 100 events arriving 5 ms apart")
                .isLessThanOrEqualTo(40);
        // The stream's last, smaller batches may already have set the short window back.
        assertThat(windowsDuringTheStream).contains(50L);

        Thread.sleep(500);
        OrderCreated lone = OrderEvents.orderCreated();
        publish(lone, "corr-lone");
        await().atMost(WAIT).until(() -> handler.effects(lone.orderId()) == 1);
        assertThat(batchWindowMillis()).isEqualTo(1);
    }

    private long batchWindowMillis() {
        return (long) ReflectionTestUtils.getField(container, "batchReceiveTimeout");
    }
}
