package com.ecomnow.messaging.event;

import java.math.BigDecimal;

/** One line of an {@link OrderCreated} event, priced by order-api at the time of the order. */
public record OrderLineItem(String sku, String name, int quantity, BigDecimal unitPrice) {

    void requireValid() {
        OrderCreated.require(sku != null && !sku.isBlank(), "an item has no sku");
        OrderCreated.require(quantity > 0, "item " + sku + " has quantity " + quantity);
        OrderCreated.require(unitPrice != null && unitPrice.signum() >= 0, "item " + sku + " has no valid unitPrice");
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
