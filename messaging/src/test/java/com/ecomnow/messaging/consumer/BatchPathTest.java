package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.event.OrderEvents;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The batch path of {@link DeliveryOutcomeDecider} without a broker or a database. */
class BatchPathTest {

    private final OrderEventMessages messages = new OrderEventMessages(JsonMapper.builder().build());

    private DeliveryOutcomeDecider decider(OrderEventHandler handler) {
        return new DeliveryOutcomeDecider(messages, handler, new InMemoryInbox(),
                new TransactionTemplate(new NoOpTransactionManager()), null, null,
                new ConsumerMetrics(new SimpleMeterRegistry(), "test_queue"), 1_000_000);
    }

    /** So a handler can take the locks of the whole batch in one order (inventory's deadlock fix). */
    @Test
    void theHandlerSeesTheBatchsNewEventsBeforeItHandlesTheFirst() {
        List<String> calls = new ArrayList<>();
        OrderEventHandler handler = new OrderEventHandler() {
            @Override
            public void handle(OrderCreated event) {
                calls.add("handle " + event.orderId());
            }

            @Override
            public void beforeBatch(List<OrderCreated> events) {
                calls.add("batch " + events.stream().map(OrderCreated::orderId).toList());
            }
        };
        OrderCreated first = OrderEvents.orderCreated();
        OrderCreated second = OrderEvents.orderCreated();

        boolean together = decider(handler).decideTogether(List.of(messages.toMessage(first, null),
                messages.toMessage(second, null), messages.toMessage(first, null)));

        assertThat(together).isTrue();
        assertThat(calls).containsExactly("batch " + List.of(first.orderId(), second.orderId()),
                "handle " + first.orderId(), "handle " + second.orderId());
    }

    private static final class InMemoryInbox extends ProcessedEventInbox {

        private final Set<UUID> seen = new HashSet<>();

        InMemoryInbox() {
            super(null, Clock.systemUTC());
        }

        @Override
        public void record(UUID eventId) {
            seen.add(eventId);
        }

        @Override
        public List<UUID> alreadyProcessed(Collection<UUID> eventIds) {
            return eventIds.stream().filter(seen::contains).toList();
        }
    }

    private static final class NoOpTransactionManager extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
