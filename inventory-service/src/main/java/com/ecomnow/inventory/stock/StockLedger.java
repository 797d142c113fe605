package com.ecomnow.inventory.stock;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code stock} and {@code stock_movements} tables, in plain SQL: a handful of statements per order line, each
 * sent in a batch. (Through JPA the same work was most of the service's CPU under load.)
 */
@Repository
class StockLedger {

    private static final RowMapper<StockItem> STOCK = (row, n) -> new StockItem(row.getString("sku"),
            row.getInt("available"), row.getInt("backordered"), row.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    StockLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks these SKUs' rows until the transaction ends, in SKU order (two transactions that share SKUs then
     * queue instead of deadlocking), and returns them by SKU. An unknown SKU is simply not in the map.
     */
    Map<String, StockItem> lock(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<String> sorted = skus.stream().sorted().distinct().toList();
        String placeholders = String.join(",", Collections.nCopies(sorted.size(), "?"));
        Map<String, StockItem> locked = new LinkedHashMap<>();
        jdbc.query("select sku, available, backordered, updated_at from stock where sku in (" + placeholders
                + ") order by sku for update", STOCK, sorted.toArray()).forEach(item -> locked.put(item.getSku(), item));
        return locked;
    }

    /** Writes the rows' new levels and the movements that changed them, inside the caller's transaction. */
    void apply(Collection<StockItem> changed, List<StockMovement> movements) {
        List<Object[]> levels = new ArrayList<>(changed.size());
        for (StockItem item : changed) {
            levels.add(new Object[] { item.getAvailable(), item.getBackordered(), Timestamp.from(item.getUpdatedAt()),
                    item.getSku() });
        }
        jdbc.batchUpdate("update stock set available = ?, backordered = ?, updated_at = ? where sku = ?", levels);
        List<Object[]> rows = new ArrayList<>(movements.size());
        for (StockMovement movement : movements) {
            rows.add(new Object[] { movement.eventId(), movement.orderId(), movement.sku(), movement.quantity(),
                    movement.outcome().name(), Timestamp.from(movement.createdAt()) });
        }
        jdbc.batchUpdate("insert into stock_movements (event_id, order_id, sku, quantity, outcome, created_at) "
                + "values (?, ?, ?, ?, ?, ?)", rows);
    }

    List<StockItem> all() {
        return jdbc.query("select sku, available, backordered, updated_at from stock order by sku", STOCK);
    }

    Optional<StockItem> find(String sku) {
        return jdbc.query("select sku, available, backordered, updated_at from stock where sku = ?", STOCK, sku)
                .stream().findFirst();
    }

    List<StockMovement> movementsOf(UUID orderId) {
        return jdbc.query("select event_id, order_id, sku, quantity, outcome, created_at from stock_movements "
                + "where order_id = ? order by id", (row, n) -> new StockMovement(row.getObject("event_id", UUID.class),
                row.getObject("order_id", UUID.class), row.getString("sku"), row.getInt("quantity"),
                StockMovement.Outcome.valueOf(row.getString("outcome")), row.getTimestamp("created_at").toInstant()),
                orderId);
    }
}
