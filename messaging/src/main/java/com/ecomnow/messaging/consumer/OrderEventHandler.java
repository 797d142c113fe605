package com.ecomnow.messaging.consumer;

import java.util.List;

import com.ecomnow.messaging.event.OrderCreated;

/**
 * The one class a consumer service writes: what to do with an order. It runs inside the database transaction
 * that also records the event id, so its writes happen once per event even when the broker redelivers.
 *
 * <p>Throw {@link com.ecomnow.messaging.event.InvalidEventException} for an event that can never succeed; any
 * other exception is retried with backoff and then parked in the dead-letter queue.
 */
@FunctionalInterface
public interface OrderEventHandler {

    void handle(OrderCreated event);

    /**
     * Called once at the start of a batch transaction with the events it is about to {@link #handle}, in order.
     * A handler that locks rows should lock what the whole batch needs here, in one consistent order (one sorted
     * {@code SELECT ... FOR UPDATE}): locks taken event by event interleave with other consumer threads'
     * transactions and deadlock. Nothing to do for a handler that only inserts.
     */
    default void beforeBatch(List<OrderCreated> events) {
    }
}
