package com.ecomnow.messaging.consumer;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.ecomnow.messaging.event.OrderCreated;

/**
 * Writes one row per handled event, so a duplicate would be visible as a second row. Tests script what happens
 * to a given order before the row is written: fail, wait, or throw.
 */
@Component
class RecordingHandler implements OrderEventHandler {

    private final JdbcTemplate jdbc;
    private final Map<UUID, Consumer<OrderCreated>> scripts = new ConcurrentHashMap<>();

    RecordingHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void script(UUID orderId, Consumer<OrderCreated> beforeWrite) {
        scripts.put(orderId, beforeWrite);
    }

    @Override
    public void handle(OrderCreated event) {
        scripts.getOrDefault(event.orderId(), e -> {
        }).accept(event);
        jdbc.update("insert into test_effects (event_id, order_id, thread, tx, correlation_id) values (?, ?, ?, ?, ?)",
                event.eventId(), event.orderId(), Thread.currentThread().getName(), currentTransaction(),
                MDC.get("correlationId"));
    }

    /** An id for the surrounding transaction, bound to it the first time it is asked for and dropped at its end. */
    private static UUID currentTransaction() {
        UUID id = (UUID) TransactionSynchronizationManager.getResource(RecordingHandler.class);
        if (id == null) {
            UUID fresh = UUID.randomUUID();
            TransactionSynchronizationManager.bindResource(RecordingHandler.class, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(RecordingHandler.class);
                }
            });
            id = fresh;
        }
        return id;
    }

    /** The correlation ids that were in the logging context when these orders' effects were applied. */
    List<String> correlationIds(Collection<UUID> orderIds) {
        String placeholders = String.join(",", Collections.nCopies(orderIds.size(), "?"));
        return jdbc.queryForList("select distinct correlation_id from test_effects where order_id in ("
                + placeholders + ")", String.class, orderIds.toArray());
    }

    /** How many distinct transactions applied the effects of these orders. */
    int transactions(Collection<UUID> orderIds) {
        String placeholders = String.join(",", Collections.nCopies(orderIds.size(), "?"));
        Integer count = jdbc.queryForObject("select count(distinct tx) from test_effects where order_id in ("
                + placeholders + ")", Integer.class, orderIds.toArray());
        return count == null ? 0 : count;
    }

    int effects(UUID orderId) {
        Integer count = jdbc.queryForObject("select count(*) from test_effects where order_id = ?", Integer.class,
                orderId);
        return count == null ? 0 : count;
    }
}
