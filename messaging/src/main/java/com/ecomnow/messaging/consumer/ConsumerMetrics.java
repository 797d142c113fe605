package com.ecomnow.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code ecomnow.consumer.messages{queue,outcome}} counts every message by what became of it, and
 * {@code ecomnow.consumer.processing{queue}} times the work. Duplicates are counted, not logged at INFO: at load a
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

    public Timer processingTimer() {
        return processing;
    }
}
