package com.ecomnow.analytics.facts;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Aggregates in SQL: the summary costs the same whether there are ten facts or ten million rows to read. */
@Component
class AnalyticsSummaryQuery {

    private static final int TOP_PRODUCTS = 5;

    private final JdbcTemplate jdbc;

    AnalyticsSummaryQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AnalyticsSummary summary() {
        record Totals(long orders, BigDecimal revenue, String currency, long items, Double p50, Double p95,
                Double p99, Long max) {
        }
        Totals totals = jdbc.queryForObject("""
                select count(*), coalesce(sum(total_amount), 0), max(currency), coalesce(sum(items_count), 0),
                       percentile_cont(0.50) within group (order by lag_ms),
                       percentile_cont(0.95) within group (order by lag_ms),
                       percentile_cont(0.99) within group (order by lag_ms),
                       max(lag_ms)
                from order_facts""", (rs, row) -> new Totals(rs.getLong(1), rs.getBigDecimal(2), rs.getString(3),
                rs.getLong(4), (Double) rs.getObject(5, Double.class), rs.getObject(6, Double.class),
                rs.getObject(7, Double.class), rs.getObject(8, Long.class)));
        List<AnalyticsSummary.TopProduct> top = jdbc.query("""
                select sku, max(name), sum(quantity) as sold, sum(revenue)
                from order_fact_lines group by sku order by sold desc, sku
                fetch first %d rows only""".formatted(TOP_PRODUCTS),
                (rs, row) -> new AnalyticsSummary.TopProduct(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4)));
        return new AnalyticsSummary(totals.orders(), totals.revenue(), totals.currency(), totals.items(), top,
                new AnalyticsSummary.Lag(totals.p50(), totals.p95(), totals.p99(), totals.max()));
    }
}
