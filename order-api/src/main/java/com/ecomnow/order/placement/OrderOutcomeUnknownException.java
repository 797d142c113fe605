package com.ecomnow.order.placement;

import java.util.UUID;

/**
 * Storing the order failed and the database could not say afterwards whether its commit happened. The order may
 * exist: its id lets the client look it up later, and its charge is kept.
 */
public class OrderOutcomeUnknownException extends RuntimeException {

    private final UUID orderId;

    OrderOutcomeUnknownException(UUID orderId, RuntimeException cause) {
        super("Storing order " + orderId + " failed and whether it was stored is not known yet: " + cause.getMessage(),
                cause);
        this.orderId = orderId;
    }

    public UUID orderId() {
        return orderId;
    }
}
