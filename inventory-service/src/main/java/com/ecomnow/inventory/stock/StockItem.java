package com.ecomnow.inventory.stock;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "stock")
public class StockItem {

    @Id
    private String sku;

    @Column(nullable = false)
    private int available;

    @Column(nullable = false)
    private int backordered;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StockItem() {
    }

    public StockItem(String sku, int available, Instant now) {
        this.sku = sku;
        this.available = available;
        this.updatedAt = now;
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
