package com.ecomnow.messaging.event;

/** Names of the AMQP headers EcomNow sets on events and on dead-lettered messages. */
public final class EventHeaders {

    /** Carried from the HTTP request ({@code X-Correlation-Id}) to every log line of every consumer. */
    public static final String CORRELATION_ID = "x-correlation-id";

    /** Set on a dead-lettered message: the queue it was consumed from. */
    public static final String ORIGINAL_QUEUE = "x-original-queue";
    /** Set on a dead-lettered message: the fully qualified class of the exception that parked it. */
    public static final String EXCEPTION_TYPE = "x-exception-type";
    /** How many times processing was attempted: counted on every retry, final on a dead-lettered message. */
    public static final String ATTEMPTS = "x-attempts";
    /** Set on a message replayed from the dead-letter queue: when, ISO-8601 UTC. */
    public static final String REPLAYED_AT = "x-replayed-at";
    /** Set on a message waiting for a retry: why the last attempt failed. */
    public static final String LAST_ERROR = "x-last-error";
    /** Set on a dead-lettered message: when it was parked, ISO-8601 UTC. */
    public static final String FAILED_AT = "x-failed-at";

    private EventHeaders() {
    }
}
