package com.ecomnow.order.placement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A paid order. Its lines carry the name and price at the time of the order, not today's catalog. */
public record Order(UUID id, String customerEmail, List<OrderLine> lines, BigDecimal totalAmount, String currency,
        String paymentRef, Instant createdAt) {

    public Order {
        lines = List.copyOf(lines);
    }

    public Order(UUID id, String customerEmail, PricedOrder priced, String paymentRef, Instant createdAt) {
        this(id, customerEmail, priced.lines(), priced.total(), priced.currency(), paymentRef, createdAt);
    }
}
