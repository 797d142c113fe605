package com.ecomnow.analytics.facts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.ecomnow.messaging.consumer.OrderEventHandler;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderLineItem;

/** analytics-service's whole subscription: one fact per order, with its lines and end-to-end lag. */
@Component
class OrderFactHandler implements OrderEventHandler {

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    OrderFactHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void handle(OrderCreated order) {
        Instant processedAt = clock.instant();
        long lagMs = Math.max(0, Duration.between(order.occurredAt(), processedAt).toMillis());
        int itemsCount = order.items().stream().mapToInt(OrderLineItem::quantity).sum();
        jdbc.update("""
                insert into order_facts (order_id, event_id, occurred_at, processed_at, lag_ms, total_amount,
                                         currency, items_count)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                order.orderId(), order.eventId(), Timestamp.from(order.occurredAt()), Timestamp.from(processedAt),
                lagMs, order.totalAmount(), order.currency(), itemsCount);
        List<OrderLineItem> items = order.items();
        List<Object[]> lines = new ArrayList<>(items.size());
        for (int lineNo = 0; lineNo < items.size(); lineNo++) {
            // By position, not by value: an order may have the same line twice.
            OrderLineItem item = items.get(lineNo);
            lines.add(new Object[] { order.orderId(), lineNo, item.sku(), item.name(), item.quantity(),
                    item.lineTotal() });
        }
        jdbc.batchUpdate("insert into order_fact_lines (order_id, line_no, sku, name, quantity, revenue) "
                + "values (?, ?, ?, ?, ?, ?)", lines);
    }
}
