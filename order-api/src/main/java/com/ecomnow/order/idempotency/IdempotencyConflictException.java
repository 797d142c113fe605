package com.ecomnow.order.idempotency;

/** The key was used with a different request (422), or its first request is still in progress (409). */
public class IdempotencyConflictException extends RuntimeException {

    private final boolean inProgress;

    IdempotencyConflictException(String message, boolean inProgress) {
        super(message);
        this.inProgress = inProgress;
    }

    public boolean isInProgress() {
        return inProgress;
    }
}
