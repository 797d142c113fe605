package com.ecomnow.order.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_keys} table. */
@Repository
class IdempotencyKeyRepository {

    private final JdbcTemplate jdbc;

    IdempotencyKeyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<IdempotencyKey> findById(String key) {
        return jdbc.query("select idempotency_key, request_hash, order_id, created_at from idempotency_keys "
                + "where idempotency_key = ?", (row, n) -> new IdempotencyKey(row.getString(1), row.getString(2),
                row.getObject(3, UUID.class), row.getTimestamp(4).toInstant()), key).stream().findFirst();
    }

    /** @throws DuplicateKeyException if another request claimed the key first */
    void claim(String key, String requestHash, Instant at) {
        jdbc.update("insert into idempotency_keys (idempotency_key, request_hash, created_at) values (?, ?, ?)", key,
                requestHash, Timestamp.from(at));
    }

    int complete(String key, UUID orderId) {
        return jdbc.update("update idempotency_keys set order_id = ? where idempotency_key = ?", orderId, key);
    }

    /** Deletes the key's claim made at {@code claimedAt}, if no order completed it. */
    void release(String key, Instant claimedAt) {
        jdbc.update("delete from idempotency_keys where idempotency_key = ? and order_id is null and created_at = ?",
                key, Timestamp.from(claimedAt));
    }

    void deleteById(String key) {
        jdbc.update("delete from idempotency_keys where idempotency_key = ?", key);
    }
}
