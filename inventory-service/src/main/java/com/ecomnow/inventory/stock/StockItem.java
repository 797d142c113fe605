package com.ecomnow.inventory.stock;

import java.time.Instant;

/** One SKU's stock, as locked for one transaction: the rule for taking an order line lives here. */
public class StockItem {

    private final String sku;
    private int available;
    private int backordered;
    private Instant updatedAt;

    public StockItem(String sku, int available, Instant now) {
        this(sku, available, 0, now);
    }

    StockItem(String sku, int available, int backordered, Instant updatedAt) {
        this.sku = sku;
        this.available = available;
        this.backordered = backordered;
        this.updatedAt = updatedAt;
    }

    /**
     * Takes a whole order line from stock if there is enough, otherwise records it as a backorder: stock never
     * goes negative.
     */
    public StockMovement.Outcome take(int quantity, Instant now) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        updatedAt = now;
        if (available >= quantity) {
            available -= quantity;
            return StockMovement.Outcome.ALLOCATED;
        }
        backordered += quantity;
        return StockMovement.Outcome.BACKORDERED;
    }

    public String getSku() {
        return sku;
    }

    public int getAvailable() {
        return available;
    }

    public int getBackordered() {
        return backordered;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
