package com.ecomnow.order.placement;

import java.math.BigDecimal;
import java.util.List;

/** Order lines priced from the catalog, and their total. */
public record PricedOrder(List<OrderLine> lines, BigDecimal total, String currency) {
}
