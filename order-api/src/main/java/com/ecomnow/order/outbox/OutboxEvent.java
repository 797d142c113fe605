package com.ecomnow.order.outbox;

import java.time.Instant;
import java.util.UUID;

/** An event waiting to be published, stored in the same transaction as the change it announces. */
public record OutboxEvent(UUID eventId, UUID aggregateId, String eventType, String payload, String correlationId,
        Instant createdAt, Instant publishedAt, Instant nextAttemptAt, int attempts, String lastError) {
}
