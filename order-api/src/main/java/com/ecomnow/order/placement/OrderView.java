package com.ecomnow.order.placement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it, in POST /orders' answer (and POST /sync/orders') and in GET /orders. */
public record OrderView(UUID id, String customerEmail, List<Line> items, BigDecimal totalAmount, String currency,
        String paymentRef, Instant createdAt) {

    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.customerEmail(),
                order.lines().stream()
                        .map(line -> new Line(line.sku(), line.name(), line.quantity(),
                                line.unitPrice(), line.lineTotal()))
                        .toList(),
                order.totalAmount(), order.currency(), order.paymentRef(), order.createdAt());
    }

    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }
}
