package com.ecomnow.order.idempotency;

import java.time.Instant;
import java.util.UUID;

/**
 * A client's {@code Idempotency-Key}, the hash of the request it came with, and the order it created ({@code null}
 * while the first request with this key is still being processed).
 */
public record IdempotencyKey(String key, String requestHash, UUID orderId, Instant createdAt) {
}
