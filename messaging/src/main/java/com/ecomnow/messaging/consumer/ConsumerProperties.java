package com.ecomnow.messaging.consumer;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ecomnow.consumer.*}: what a consumer service needs beyond Boot's own listener settings
 * ({@code spring.rabbitmq.listener.simple.*}: prefetch, concurrency, batch size, auto-startup). Only {@code queue} is
 * required.
 *
 * @param queue the service's own queue, bound to {@code order_events}, e.g. {@code email_queue}
 * @param batchTimeout on a quiet system: once this long has passed since a consumer thread began waiting for a
 *        batch, it processes what it has instead of waiting for more (a batch is also handed over when full, or when
 *        no message came for {@code receiveTimeout}). Short, so that a lone message is processed at once rather than
 *        kept waiting for company (docs/performance.md has the A/B against 10ms)
 * @param receiveTimeout on a quiet system, the longest a consumer thread waits for one message: how often an idle
 *        thread wakes up, and the most a batch waits for one more message before {@code batchTimeout} has passed
 * @param shutdownTimeout how long shutdown waits for in-flight messages before their channel closes and the
 *        broker requeues them
 * @param maxMessageSize a larger message is parked at once: events are small, and a huge one is a mistake or an
 *        attack
 * @param deliveryLimit how many times RabbitMQ delivers a message before it parks it in the DLQ by itself: the last
 *        guard against a message that kills its consumer before it can be settled (failures the consumer sees are
 *        retried and parked by the consumer, long before). Counts deliveries lost to restarts too, hence not small.
 * @param busy the longer batch window under load: see {@link BatchWindow}
 * @param retry the waits between attempts
 * @param inbox how long processed event ids are kept
 */
@ConfigurationProperties("ecomnow.consumer")
public record ConsumerProperties(String queue, @DefaultValue("1ms") Duration batchTimeout,
        @DefaultValue("10ms") Duration receiveTimeout, @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue("1MB") DataSize maxMessageSize, @DefaultValue("20") int deliveryLimit, @DefaultValue Busy busy,
        @DefaultValue Retry retry, @DefaultValue Inbox inbox) {

    /**
     * @param rate from this many messages per second on, batches wait up to {@code batchTimeout} for more
     * @param batchTimeout the batch window under load: the most it adds to an event's lag, and what fills batches.
     *        No longer than {@code ecomnow.consumer.batch-timeout} turns the adaptive window off
     */
    public record Busy(@DefaultValue("50") double rate, @DefaultValue("50ms") Duration batchTimeout) {
    }

    /**
     * @param delays how long a failed message waits before each retry; the number of entries is the number of
     *        retries. Each delay is a queue of its own ({@code <queue>.retry.<millis>ms}).
     */
    public record Retry(@DefaultValue({ "1s", "5s", "25s" }) List<Duration> delays) {
    }

    /**
     * @param retention how long a processed event's id is kept to recognise a copy of it: longer than any copy can
     *        take to arrive (docs/reliability.md has the sum), and longer than order-api keeps published events it
     *        can republish ({@code ecomnow.outbox.retention})
     * @param cleanupInterval how often ids older than the retention are deleted (in batches, also once at start-up)
     */
    public record Inbox(@DefaultValue("7d") Duration retention, @DefaultValue("10m") Duration cleanupInterval) {
    }
}
