package com.ecomnow.messaging.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads a consumer's outcome counters, so tests can see that the inbox, not a table constraint, stopped a copy. */
public final class TestConsumerMetrics {

    private TestConsumerMetrics() {
    }

    /** {@code ecomnow.consumer.messages{queue, outcome}}, 0 before the first message. */
    public static double count(MeterRegistry registry, String queue, String outcome) {
        Counter counter = registry.find("ecomnow.consumer.messages").tag("queue", queue).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
