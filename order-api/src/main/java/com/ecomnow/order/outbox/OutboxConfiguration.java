package com.ecomnow.order.outbox;

import java.time.Clock;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.ecomnow.messaging.retention.RetentionJob;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    /**
     * Publishing threads, separate from the HTTP threads. When the queue is full (the broker is slow or down)
     * further work is dropped, not run on the caller: the event is safe in the outbox and the sweep publishes it.
     */
    @Bean
    ThreadPoolTaskExecutor outboxRelayExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setCorePoolSize(4);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(10_000);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    /**
     * Deletes published events older than {@code ecomnow.outbox.retention}: the outbox stays bounded. Unpublished
     * events are never deleted, however old (a null {@code published_at} is never before the cutoff).
     */
    @Bean
    RetentionJob outboxRetention(JdbcTemplate jdbc, OutboxProperties properties) {
        return new RetentionJob(jdbc, "outbox_events", "event_id", "published_at", properties.retention(),
                properties.cleanupInterval(), Clock.systemUTC());
    }

    @Bean
    Gauge outboxPendingGauge(MeterRegistry registry, OutboxEventRepository events) {
        return Gauge.builder("ecomnow.outbox.pending", events, OutboxEventRepository::countByPublishedAtIsNull)
                .description("Events stored but not yet confirmed by the broker")
                .register(registry);
    }
}
