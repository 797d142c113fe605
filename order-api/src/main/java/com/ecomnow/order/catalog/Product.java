package com.ecomnow.order.catalog;

import java.math.BigDecimal;

/** A product order-api can sell, with the price it charges now. */
public record Product(String sku, String name, BigDecimal unitPrice) {
}
