package com.ecomnow.messaging.consumer;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code ecomnow.consumer.messages{queue,outcome}} counts every message by what became of it, and
 * {@code ecomnow.consumer.processing{queue}} times the work, {@code ecomnow.consumer.lag{queue}} the end-to-end lag of
 * each processed event (committed here minus the order's {@code occurredAt}). Duplicates are counted, not logged at INFO: at load a
 * log line per duplicate would cost more than the duplicate.
 */
public class ConsumerMetrics {

    public enum Outcome {
        PROCESSED, DUPLICATE, RETRIED, DEAD_LETTERED
    }

    private final Counter processed;
    private final Counter duplicate;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer processing;
    private final Timer lag;

    public ConsumerMetrics(MeterRegistry registry, String queue) {
        this.processed = counter(registry, queue, Outcome.PROCESSED);
        this.duplicate = counter(registry, queue, Outcome.DUPLICATE);
        this.retried = counter(registry, queue, Outcome.RETRIED);
        this.deadLettered = counter(registry, queue, Outcome.DEAD_LETTERED);
        this.processing = Timer.builder("ecomnow.consumer.processing")
                .description("Time to process one message, retries included")
                .tag("queue", queue)
                .publishPercentileHistogram()
                .register(registry);
        this.lag = Timer.builder("ecomnow.consumer.lag")
                .description("From the order being placed to its event's effect committed here")
                .tag("queue", queue)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String queue, Outcome outcome) {
        return Counter.builder("ecomnow.consumer.messages")
                .description("Messages consumed, by outcome")
                .tag("queue", queue)
                .tag("outcome", outcome.name().toLowerCase())
                .register(registry);
    }

    public void record(Outcome outcome) {
        switch (outcome) {
            case PROCESSED -> processed.increment();
            case DUPLICATE -> duplicate.increment();
            case RETRIED -> retried.increment();
            case DEAD_LETTERED -> deadLettered.increment();
        }
    }

    /** After the commit of a processed event that was placed at {@code occurredAt}; clocks a little apart give 0. */
    public void recordLag(Instant occurredAt) {
        Duration elapsed = Duration.between(occurredAt, Instant.now());
        lag.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    public Timer processingTimer() {
        return processing;
    }
}
