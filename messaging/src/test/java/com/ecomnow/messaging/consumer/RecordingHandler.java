package com.ecomnow.messaging.consumer;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
        jdbc.update("insert into test_effects (event_id, order_id, thread) values (?, ?, ?)", event.eventId(),
                event.orderId(), Thread.currentThread().getName());
    }

    int effects(UUID orderId) {
        Integer count = jdbc.queryForObject("select count(*) from test_effects where order_id = ?", Integer.class,
                orderId);
        return count == null ? 0 : count;
    }
}
