package com.ecomnow.messaging.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ecomnow.consumer.*}: a consumer service's subscription. Only {@code queue} is required. */
@ConfigurationProperties("ecomnow.consumer")
public class ConsumerProperties {

    /** The service's own queue, bound to {@code order_events}, e.g. {@code email_queue}. */
    private String queue;

    /** Unacknowledged messages the broker may push to each consumer thread. */
    private int prefetch = 50;

    /** Consumer threads started with the service. */
    private int concurrency = 2;

    /** Upper bound for consumer threads when the queue is busy. */
    private int maxConcurrency = 4;

    /** How long shutdown waits for in-flight messages before their channel closes and the broker requeues them. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** Whether the listener starts with the service; off lets an operator (or a test) start it later. */
    private boolean autoStartup = true;

    private final Retry retry = new Retry();

    public static class Retry {

        /** Retries after the first attempt before a message is parked in the dead-letter queue. */
        private int maxRetries = 3;

        /** Wait before the first retry. */
        private Duration initialInterval = Duration.ofMillis(500);

        /** Each further wait is the previous one times this. */
        private double multiplier = 3.0;

        /** No wait is longer than this. */
        private Duration maxInterval = Duration.ofSeconds(10);

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getInitialInterval() {
            return initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Retry getRetry() {
        return retry;
    }
}
