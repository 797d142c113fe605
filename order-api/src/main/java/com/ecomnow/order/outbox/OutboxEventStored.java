package com.ecomnow.order.outbox;

import java.time.Instant;

import com.ecomnow.messaging.event.OrderCreated;

/**
 * Raised inside the transaction; {@link OutboxRelay} acts on it only once the transaction has committed. It
 * carries the event, so the relay need not read back what was just written, and when the sweep may take it over.
 */
record OutboxEventStored(OrderCreated event, String correlationId, Instant sweepFrom) {
}
