package com.ecomnow.order.idempotency;

import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.ecomnow.messaging.retention.BatchedDelete;

/** Deletes keys older than {@code ecomnow.idempotency.retention}, which no request can use any more. */
@Component
class IdempotencyKeyRetention implements SchedulingConfigurer {

    private final BatchedDelete deleteExpired;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyKeyRetention(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.deleteExpired = new BatchedDelete(jdbc, "idempotency_keys", "idempotency_key", "created_at", 1000);
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::forgetExpired, properties.cleanupInterval());
    }

    /** @return how many keys went */
    long forgetExpired() {
        return deleteExpired.before(clock.instant().minus(properties.retention()));
    }
}
