package com.ecomnow.order.outbox;

import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.ecomnow.messaging.retention.BatchedDelete;

/**
 * Deletes published events older than {@code ecomnow.outbox.retention}: the outbox stays bounded. Unpublished
 * events are never deleted, however old.
 */
@Component
class OutboxRetention implements SchedulingConfigurer {

    private final BatchedDelete deletePublished;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxRetention(JdbcTemplate jdbc, OutboxProperties properties) {
        // published_at < cutoff is never true for a null published_at: pending events stay.
        this.deletePublished = new BatchedDelete(jdbc, "outbox_events", "event_id", "published_at", 1000);
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::forgetPublished, properties.cleanupInterval());
    }

    /** @return how many published events went */
    long forgetPublished() {
        return deletePublished.before(clock.instant().minus(properties.retention()));
    }
}
