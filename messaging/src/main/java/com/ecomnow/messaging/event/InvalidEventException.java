package com.ecomnow.messaging.event;

/**
 * A message that can never be processed, whatever we retry: not JSON, the wrong shape, a missing field or an
 * unknown event type. Consumers park such messages in their dead-letter queue at once.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
