package com.ecomnow.order.outbox;

import java.util.UUID;

/** Raised inside the transaction; {@link OutboxRelay} acts on it only once the transaction has committed. */
record OutboxEventStored(UUID eventId) {
}
