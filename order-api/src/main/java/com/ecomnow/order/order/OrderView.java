package com.ecomnow.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it, in POST /orders' answer (and POST /sync/orders') and in GET /orders. */
public record OrderView(UUID id, String customerEmail, List<Line> items, BigDecimal totalAmount, String currency,
        String paymentRef, Instant createdAt) {

    public static OrderView of(Order order) {
        return new OrderView(order.getId(), order.getCustomerEmail(),
                order.getLines().stream()
                        .map(line -> new Line(line.getSku(), line.getName(), line.getQuantity(),
                                line.getUnitPrice(), line.lineTotal()))
                        .toList(),
                order.getTotalAmount(), order.getCurrency(), order.getPaymentRef(), order.getCreatedAt());
    }

    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }
}
