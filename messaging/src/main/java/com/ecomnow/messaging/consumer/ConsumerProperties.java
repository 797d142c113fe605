package com.ecomnow.messaging.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code ecomnow.consumer.*}: a consumer service's subscription. Only {@code queue} is required. */
@ConfigurationProperties("ecomnow.consumer")
public class ConsumerProperties {

    /** The service's own queue, bound to {@code order_events}, e.g. {@code email_queue}. */
    private String queue;

    /** Unacknowledged messages the broker may push to each consumer thread. */
    private int prefetch = 50;

    /**
     * Up to this many deliveries are applied in one database transaction and acked together (1: one at a time).
     * Keep it at most {@code prefetch}.
     */
    private int batchSize = 50;

    /** How long a consumer waits to fill a batch before it processes the messages it has. */
    private Duration batchTimeout = Duration.ofMillis(10);

    /** Consumer threads started with the service. */
    private int concurrency = 2;

    /** Upper bound for consumer threads when the queue is busy. */
    private int maxConcurrency = 4;

    /** How long shutdown waits for in-flight messages before their channel closes and the broker requeues them. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** A larger message is parked at once: events are small, and a huge one is a mistake or an attack. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    /** Added to the handling of every event, for the workshop labs and the sync-vs-async comparison. */
    private Duration simulatedLatency = Duration.ZERO;

    /**
     * How many times the broker delivers a message before it parks it in the DLQ by itself: the last guard
     * against a message that kills its consumer before it can be settled (failures the consumer sees are retried
     * and parked by the consumer, long before). Counts deliveries lost to restarts too, hence not small.
     */
    private int deliveryLimit = 20;

    /** Whether the listener starts with the service; off lets an operator (or a test) start it later. */
    private boolean autoStartup = true;

    private final Retry retry = new Retry();

    private final Inbox inbox = new Inbox();

    public static class Inbox {

        /**
         * How long a processed event's id is kept to recognise a copy of it: longer than any copy can take to
         * arrive (docs/reliability.md has the sum), and longer than order-api keeps published events it can
         * republish ({@code ecomnow.outbox.retention}).
         */
        private Duration retention = Duration.ofDays(7);

        /** How often ids older than the retention are deleted (in batches, also once at start-up). */
        private Duration cleanupInterval = Duration.ofMinutes(10);

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getCleanupInterval() {
            return cleanupInterval;
        }

        public void setCleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = cleanupInterval;
        }
    }

    public int getDeliveryLimit() {
        return deliveryLimit;
    }

    public void setDeliveryLimit(int deliveryLimit) {
        this.deliveryLimit = deliveryLimit;
    }

    public Inbox getInbox() {
        return inbox;
    }

    public static class Retry {

        /**
         * How long a failed message waits before each retry; the number of entries is the number of retries.
         * Each delay is a queue of its own ({@code <queue>.retry.<millis>ms}).
         */
        private List<Duration> delays = new ArrayList<>(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(25)));

        public List<Duration> getDelays() {
            return delays;
        }

        public void setDelays(List<Duration> delays) {
            this.delays = delays;
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

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getBatchTimeout() {
        return batchTimeout;
    }

    public void setBatchTimeout(Duration batchTimeout) {
        this.batchTimeout = batchTimeout;
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

    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Duration getSimulatedLatency() {
        return simulatedLatency;
    }

    public void setSimulatedLatency(Duration simulatedLatency) {
        this.simulatedLatency = simulatedLatency;
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
