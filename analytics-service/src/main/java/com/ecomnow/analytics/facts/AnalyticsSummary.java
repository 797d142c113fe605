package com.ecomnow.analytics.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * @param lagMillis end-to-end lag, order placed to fact recorded, in milliseconds
 */
public record AnalyticsSummary(long orders, BigDecimal revenue, String currency, long itemsSold,
        List<TopProduct> topProducts, Lag lagMillis) {

    public record TopProduct(String sku, String name, long quantity, BigDecimal revenue) {
    }

    public record Lag(Double p50, Double p95, Double p99, Long max) {
    }
}
