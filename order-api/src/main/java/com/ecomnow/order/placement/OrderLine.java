package com.ecomnow.order.placement;

import java.math.BigDecimal;

/** One line of an order: what, how many, at which unit price. */
public record OrderLine(String sku, String name, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
