package com.ecomnow.inventory.stock;

import java.time.Instant;
import java.util.UUID;

/** What one order line did to the stock. */
public record StockMovement(UUID eventId, UUID orderId, String sku, int quantity, Outcome outcome, Instant createdAt) {

    public enum Outcome {
        ALLOCATED, BACKORDERED
    }
}
