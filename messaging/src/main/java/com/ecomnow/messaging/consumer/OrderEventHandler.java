package com.ecomnow.messaging.consumer;

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
}
