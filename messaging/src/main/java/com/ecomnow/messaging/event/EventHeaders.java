package com.ecomnow.messaging.event;

/** Names of the AMQP headers EcomNow sets on events and on dead-lettered messages. */
public final class EventHeaders {

    /** Carried from the HTTP request ({@code X-Correlation-Id}) to every log line of every consumer. */
    public static final String CORRELATION_ID = "x-correlation-id";

    /** Set on a dead-lettered message: the queue it was consumed from. */
    public static final String ORIGINAL_QUEUE = "x-original-queue";
    /** Set on a dead-lettered message: the fully qualified class of the exception that parked it. */
    public static final String EXCEPTION_TYPE = "x-exception-type";
    /** Set on a dead-lettered message: how many times processing was attempted. */
    public static final String ATTEMPTS = "x-attempts";
    /** Set on a dead-lettered message: when it was parked, ISO-8601 UTC. */
    public static final String FAILED_AT = "x-failed-at";

    private EventHeaders() {
    }
}
