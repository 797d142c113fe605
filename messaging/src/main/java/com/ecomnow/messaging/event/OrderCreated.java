package com.ecomnow.messaging.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code order.created} event, version 1: everything a consumer needs, so that no consumer has to call
 * order-api back. Consumers ignore fields they do not know, so fields may be added without a new version.
 */
public record OrderCreated(
        UUID eventId,
        UUID orderId,
        Instant occurredAt,
        String customerEmail,
        List<OrderLineItem> items,
        BigDecimal totalAmount,
        String currency) {

    public static final String TYPE = "order.created";

    /**
     * Checks what Jackson cannot: required fields and sane values. A message that fails here can never be
     * processed, so it goes straight to the dead-letter queue instead of being retried.
     */
    public OrderCreated requireValid() {
        require(eventId != null, "eventId is missing");
        require(orderId != null, "orderId is missing");
        require(occurredAt != null, "occurredAt is missing");
        require(customerEmail != null && !customerEmail.isBlank(), "customerEmail is missing");
        require(items != null && !items.isEmpty(), "items are missing");
        for (OrderLineItem item : items) {
            require(item != null, "an item is null");
            item.requireValid();
        }
        require(totalAmount != null && totalAmount.signum() >= 0, "totalAmount is missing or negative");
        require(currency != null && !currency.isBlank(), "currency is missing");
        return this;
    }

    static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidEventException(problem);
        }
    }
}
