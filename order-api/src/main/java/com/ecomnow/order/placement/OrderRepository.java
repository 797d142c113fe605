package com.ecomnow.order.placement;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code orders} and {@code order_lines} tables, in plain SQL: an order is two statements to store. */
@Repository
public class OrderRepository {

    private static final String ORDER_COLUMNS = "id, customer_email, total_amount, currency, payment_ref, created_at";

    private final JdbcTemplate jdbc;

    OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside the caller's transaction. */
    void insert(Order order) {
        jdbc.update("insert into orders (" + ORDER_COLUMNS + ") values (?, ?, ?, ?, ?, ?)", order.id(),
                order.customerEmail(), order.totalAmount(), order.currency(), order.paymentRef(),
                Timestamp.from(order.createdAt()));
        List<Object[]> lines = new ArrayList<>(order.lines().size());
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            lines.add(new Object[] { order.id(), i, line.sku(), line.name(), line.quantity(), line.unitPrice() });
        }
        jdbc.batchUpdate("insert into order_lines (order_id, line_no, sku, name, quantity, unit_price) "
                + "values (?, ?, ?, ?, ?, ?)", lines);
    }

    /**
     * Inside a transaction the caller rolls back: takes the id with an otherwise empty row. Unlike a read, this
     * waits for a transaction that still holds the id, so {@code false} (taken) or {@code true} (free) is final.
     */
    boolean idIsFree(UUID id) {
        try {
            jdbc.update("insert into orders (" + ORDER_COLUMNS + ") values (?, '', 0, '', '', ?)", id,
                    Timestamp.from(java.time.Instant.EPOCH));
            return true;
        }
        catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public Optional<Order> findById(UUID id) {
        return withLines(jdbc.query("select " + ORDER_COLUMNS + " from orders where id = ?", (row, n) -> header(row),
                id)).stream().findFirst();
    }

    /** Newest first. */
    List<Order> page(int page, int size) {
        return withLines(jdbc.query("select " + ORDER_COLUMNS + " from orders order by created_at desc, id "
                + "limit ? offset ?", (row, n) -> header(row), size, (long) page * size));
    }

    long count() {
        Long count = jdbc.queryForObject("select count(*) from orders", Long.class);
        return count == null ? 0 : count;
    }

    private static Order header(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Order(row.getObject("id", UUID.class), row.getString("customer_email"), List.of(),
                row.getBigDecimal("total_amount"), row.getString("currency"), row.getString("payment_ref"),
                row.getTimestamp("created_at").toInstant());
    }

    /** The orders with their lines, read in one query. */
    private List<Order> withLines(List<Order> headers) {
        if (headers.isEmpty()) {
            return headers;
        }
        Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
        headers.forEach(order -> lines.put(order.id(), new ArrayList<>()));
        jdbc.query("select order_id, sku, name, quantity, unit_price from order_lines where order_id in ("
                + String.join(",", Collections.nCopies(headers.size(), "?")) + ") order by order_id, line_no",
                row -> {
                    lines.get(row.getObject("order_id", UUID.class)).add(new OrderLine(row.getString("sku"),
                            row.getString("name"), row.getInt("quantity"), row.getBigDecimal("unit_price")));
                }, headers.stream().map(Order::id).toArray());
        return headers.stream().map(order -> new Order(order.id(), order.customerEmail(), lines.get(order.id()),
                order.totalAmount(), order.currency(), order.paymentRef(), order.createdAt())).toList();
    }
}
