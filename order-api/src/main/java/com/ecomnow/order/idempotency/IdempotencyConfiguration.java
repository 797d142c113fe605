package com.ecomnow.order.idempotency;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.ecomnow.messaging.retention.RetentionJob;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /** Deletes keys older than {@code ecomnow.idempotency.retention}, which no request can use any more. */
    @Bean
    RetentionJob idempotencyKeyRetention(JdbcTemplate jdbc, IdempotencyProperties properties) {
        return new RetentionJob(jdbc, "idempotency_keys", "idempotency_key", "created_at", properties.retention(),
                properties.cleanupInterval(), Clock.systemUTC());
    }
}
