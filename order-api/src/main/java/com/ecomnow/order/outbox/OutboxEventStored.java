package com.ecomnow.order.outbox;

import com.ecomnow.messaging.event.OrderCreated;

/**
 * Raised inside the transaction; {@link OutboxRelay} acts on it only once the transaction has committed. It
 * carries the event, so the relay need not read back what was just written.
 */
record OutboxEventStored(OrderCreated event, String correlationId) {
}
