package com.ecomnow.order.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.outbox.*}.
 *
 * @param sweepInterval how often the relay looks for events that were not published right after their commit
 *        (broker down, crash, full queue)
 * @param publishTimeout how long a publish waits for the broker's confirm before it counts as failed
 * @param sweepBatchSize the most events one sweep publishes
 * @param maxBackoff the longest wait between two attempts at an event the broker did not take
 */
@ConfigurationProperties("ecomnow.outbox")
public record OutboxProperties(@DefaultValue("5s") Duration sweepInterval, @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("500") int sweepBatchSize, @DefaultValue("60s") Duration maxBackoff) {
}
