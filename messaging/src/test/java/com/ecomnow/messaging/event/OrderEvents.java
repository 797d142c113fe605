package com.ecomnow.messaging.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Test data: valid events with fresh ids. */
public final class OrderEvents {

    private OrderEvents() {
    }

    public static OrderCreated orderCreated() {
        return orderCreated(new OrderLineItem("BOOK-001", "A book", 2, new BigDecimal("10.50")),
                new OrderLineItem("PEN-001", "A pen", 1, new BigDecimal("3.00")));
    }

    public static OrderCreated orderCreated(OrderLineItem... items) {
        BigDecimal total = List.of(items).stream().map(OrderLineItem::lineTotal).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "jane@example.com", List.of(items), total, "EUR");
    }
}
