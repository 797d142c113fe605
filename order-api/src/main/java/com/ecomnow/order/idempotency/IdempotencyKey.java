package com.ecomnow.order.idempotency;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.ecomnow.order.persistence.NewlyIdentifiedEntity;

/** A client's {@code Idempotency-Key}, the hash of the request it came with, and the order it created. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyKey extends NewlyIdentifiedEntity<String> {

    @Id
    @Column(name = "idempotency_key")
    private String key;

    @Column(name = "request_hash", nullable = false)
    private String requestHash;

    /** Null while the first request with this key is still being processed. */
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyKey() {
    }

    IdempotencyKey(String key, String requestHash, Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
        markNew();
    }

    @Override
    public String getId() {
        return key;
    }

    public String getKey() {
        return key;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
