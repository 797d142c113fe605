package com.ecomnow.system;

import static com.ecomnow.system.Orders.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/**
 * Always on the embedded broker, which this test can stop and start: messages waiting in a durable queue
 * survive a broker restart (Derby store) and are processed once. Also proves dead-lettering on this broker.
 */
class BrokerRestartIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    static LocalSystem system;

    @BeforeAll
    static void startSystem() {
        system = LocalSystem.start(true);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void messagesWaitingInADurableQueueSurviveABrokerRestartAndAreProcessedOnce() {
        system.service(LocalSystem.EMAIL).stop();
        long factsBefore = Orders.analyticsOrders(system);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(Orders.place(system, Map.of("SHIRT-001", 1)));
        }
        // Once analytics has them all, every event has been published and waits in email_queue.
        await(CATCH_UP, "20 facts", () -> Orders.analyticsOrders(system) == factsBefore + 20);

        system.stopBroker();
        system.startBroker();
        system.startService(LocalSystem.EMAIL);
        system.awaitHealthy(LocalSystem.EMAIL);

        await(CATCH_UP, "an email for each of 20 orders",
                () -> orders.stream().allMatch(id -> Orders.emailsFor(system, id) >= 1));
        assertThat(orders).allSatisfy(id -> assertThat(Orders.emailsFor(system, id)).isEqualTo(1));
        UUID afterRestart = Orders.place(system, Map.of("SHIRT-001", 1));
        await(CATCH_UP, "order-api and consumers reconnected",
                () -> Orders.emailsFor(system, afterRestart) == 1 && Orders.analyticsOrders(system) == factsBefore + 21);
    }

    @Test
    void ordersAcceptedWhileTheBrokerIsDownReachEveryConsumerOnceItIsBack() {
        long factsBefore = Orders.analyticsOrders(system);
        int stockBefore = Orders.available(system, "BAG-001");
        system.stopBroker();

        List<UUID> orders = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            orders.add(Orders.place(system, Map.of("BAG-001", 1))); // asserts 201
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        assertThat(Duration.ofNanos(slowest)).as("the order API does not wait for the broker")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(Orders.analyticsOrders(system)).isEqualTo(factsBefore);

        system.startBroker();

        await(CATCH_UP, "20 facts after the broker is back",
                () -> Orders.analyticsOrders(system) == factsBefore + 20);
        await(CATCH_UP, "an email for each of 20 orders",
                () -> orders.stream().allMatch(id -> Orders.emailsFor(system, id) >= 1));
        await(CATCH_UP, "20 bags taken from stock", () -> Orders.available(system, "BAG-001") == stockBefore - 20);
        assertThat(orders).allSatisfy(id -> assertThat(Orders.emailsFor(system, id)).isEqualTo(1));
        LocalSystem.sleep(2_000); // time for a duplicate to show, if there were one
        assertThat(Orders.analyticsOrders(system)).isEqualTo(factsBefore + 20);
        assertThat(Orders.available(system, "BAG-001")).isEqualTo(stockBefore - 20);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueWithItsReason() {
        Orders.publishPoison(system, "{\"orderId\":\"not-a-uuid\"}");

        Message parked = Orders.nextDeadLetter(system, "inventory_queue");
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-type"))
                .isEqualTo("com.ecomnow.messaging.event.InvalidEventException");
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message")).isNotBlank();
    }
}
