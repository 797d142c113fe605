package com.ecomnow.order.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.outbox.*}.
 *
 * @param sweepInterval how often the relay looks for events that were not published right after their commit
 *        (broker down, crash, full queue)
 * @param markInterval how often confirmed events are marked published, in one statement per batch (each mark is a
 *        commit; keep it well below the sweep interval, or the sweep republishes confirmed events not yet marked)
 * @param sweepBatchSize the most events one sweep publishes
 * @param maxBackoff the longest wait between two attempts at an event the broker did not take
 * @param retention how long a published event is kept (for {@code POST /admin/outbox/republish}); shorter than the
 *        consumers' {@code ecomnow.consumer.inbox.retention}, so a republished event is always recognised as a copy
 * @param cleanupInterval how often published events older than the retention are deleted (in batches)
 */
@ConfigurationProperties("ecomnow.outbox")
public record OutboxProperties(@DefaultValue("5s") Duration sweepInterval, @DefaultValue("1s") Duration markInterval,
        @DefaultValue("500") int sweepBatchSize, @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("3d") Duration retention, @DefaultValue("10m") Duration cleanupInterval) {
}
