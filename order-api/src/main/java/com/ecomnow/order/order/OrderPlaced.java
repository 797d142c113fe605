package com.ecomnow.order.order;

import java.util.UUID;

/** Published inside the order's transaction; the outbox relay acts on it once the transaction has committed. */
public record OrderPlaced(UUID orderId, UUID eventId) {
}
