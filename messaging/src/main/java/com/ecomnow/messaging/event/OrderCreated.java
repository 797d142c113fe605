package com.ecomnow.messaging.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
     * The id of an order's {@code order.created} event, the same wherever it is built (the outbox, a shared commit
     * run again, the synchronous comparison): the order id's first 64 bits (its time and version, so events sort
     * by time like their orders, see {@link TimeOrderedIds}) and 64 bits of a name-based hash of the order id.
     */
    public static UUID eventIdFor(UUID orderId) {
        UUID hashed = UUID.nameUUIDFromBytes((TYPE + ":" + orderId).getBytes(StandardCharsets.UTF_8));
        // The hash's low half keeps its RFC 4122 variant bits: the result is a valid UUID of the order's version.
        return new UUID(orderId.getMostSignificantBits(), hashed.getLeastSignificantBits());
    }

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
