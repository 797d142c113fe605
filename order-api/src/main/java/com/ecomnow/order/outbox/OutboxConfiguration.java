package com.ecomnow.order.outbox;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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

    @Bean
    Gauge outboxPendingGauge(MeterRegistry registry, OutboxEventRepository events) {
        return Gauge.builder("ecomnow.outbox.pending", events, OutboxEventRepository::countByPublishedAtIsNull)
                .description("Events stored but not yet confirmed by the broker")
                .register(registry);
    }
}
