package com.ecomnow.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.ecomnow.inventory.stock.StockMovement.Outcome;

class StockItemTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void takesALineWhenThereIsEnoughDownToZero() {
        StockItem item = new StockItem("PEN-001", 5, now);

        assertThat(item.take(3, now)).isEqualTo(Outcome.ALLOCATED);
        assertThat(item.take(2, now)).isEqualTo(Outcome.ALLOCATED);
        assertThat(item.getAvailable()).isZero();
        assertThat(item.getBackordered()).isZero();
    }

    @Test
    void backordersTheWholeLineWhenThereIsNotEnough() {
        StockItem item = new StockItem("PEN-001", 2, now);

        assertThat(item.take(3, now)).isEqualTo(Outcome.BACKORDERED);
        assertThat(item.getAvailable()).isEqualTo(2);
        assertThat(item.getBackordered()).isEqualTo(3);
    }

    @Test
    void refusesANonPositiveQuantity() {
        assertThatThrownBy(() -> new StockItem("PEN-001", 2, now).take(0, now))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
