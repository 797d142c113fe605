package com.ecomnow.order.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.publish.ConfirmedPublisher;
import com.ecomnow.messaging.topology.MessagingProperties;
import com.ecomnow.messaging.topology.TopologyNames;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Moves events from the outbox to {@code order_events}. An event is published right after its transaction
 * commits, on the relay's own threads (the HTTP request never waits for the broker), and marked published only
 * when the broker has confirmed it. Whatever was not confirmed (broker down, nack, return, timeout, crash) is
 * picked up by the periodic sweep: delivery is at least once, and consumers are idempotent.
 */
@Component
public class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxEventRepository events;
    private final ConfirmedPublisher publisher;
    private final OrderEventMessages messages;
    private final JsonMapper jsonMapper;
    private final OutboxProperties properties;
    private final TopologyNames names;
    private final Duration claimLease;
    private final Executor executor;
    private final Timer confirmLatency;
    private final Counter failures;
    private final Clock clock = Clock.systemUTC();
    /** Confirmed by the broker, not yet marked in the database: see {@link #markConfirmed()}. */
    private final Queue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private static final int MARK_BATCH = 500;

    public OutboxRelay(OutboxEventRepository events, ConfirmedPublisher publisher, OrderEventMessages messages,
            JsonMapper jsonMapper, OutboxProperties properties, MessagingProperties messaging, TopologyNames names,
            @Qualifier("outboxRelayExecutor") Executor executor, MeterRegistry registry) {
        this.events = events;
        this.publisher = publisher;
        this.messages = messages;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        this.names = names;
        // A claimed event is left alone by other sweeps for twice as long as its publish may take.
        this.claimLease = messaging.publishTimeout().multipliedBy(2);
        this.executor = executor;
        this.confirmLatency = Timer.builder("ecomnow.outbox.publish")
                .description("Publish to broker confirm")
                .publishPercentileHistogram()
                .register(registry);
        this.failures = Counter.builder("ecomnow.outbox.publish.failures")
                .description("Publishes the broker did not confirm")
                .register(registry);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onCommitted(OutboxEventStored stored) {
        executor.execute(() -> send(stored.event(), stored.correlationId(), 0, stored.sweepFrom()));
    }

    /** The sweep every {@code ecomnow.outbox.sweep-interval}, the marking every {@code .mark-interval}. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, properties.sweepInterval(),
                properties.sweepInterval()));
        registrar.addFixedDelayTask(this::markConfirmed, properties.markInterval());
    }

    /**
     * Publishes what is due: events the relay could not publish right after their commit, and failed ones whose
     * backoff has passed. Each is claimed first, so two instances never publish the same event at once.
     */
    public void sweep() {
        Instant now = clock.instant();
        List<UUID> due = events.findDue(now, properties.sweepBatchSize());
        if (!due.isEmpty()) {
            log.info("Outbox sweep: {} event(s) due", due.size());
        }
        for (UUID eventId : due) {
            if (events.claim(eventId, now, now.plus(claimLease)) == 1
                    && !publish(eventId)) {
                break; // the broker is not taking messages; the backoff decides when to try again
            }
        }
    }

    /** @return whether the event is now published (or was already) */
    boolean publish(UUID eventId) {
        OutboxEvent event = events.findById(eventId).orElse(null);
        if (event == null || event.publishedAt() != null) {
            return true;
        }
        return send(jsonMapper.readValue(event.payload(), OrderCreated.class), event.correlationId(),
                event.attempts(), event.nextAttemptAt()).join();
    }

    /**
     * Publishes without waiting: the confirm (or its absence) settles the event when it comes, so a relay thread
     * never sits idle waiting for the broker. A confirm is only queued for {@link #markConfirmed()}; a failure's
     * database update runs on the relay's executor, never on the connection's thread (which would hold up every
     * other confirm) or the timeout's timer. It applies only if nothing has claimed the event since this attempt
     * began ({@code heldUntil}, the event's {@code next_attempt_at} then). Should the executor's queue be full, the
     * mark is dropped, and the sweep takes the event up once its {@code next_attempt_at} has passed.
     */
    private CompletableFuture<Boolean> send(OrderCreated event, String correlationId, int failedBefore,
            Instant heldUntil) {
        long start = System.nanoTime();
        return publisher.publishAsync(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                messages.toMessage(event, correlationId)).thenApply(result -> {
                    if (result.confirmed()) {
                        confirmLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        confirmed.add(event.eventId());
                        return true;
                    }
                    failures.increment();
                    Duration backoff = backoff(failedBefore);
                    log.warn("Event {} not published yet ({}); next attempt in {}", event.eventId(), result.problem(),
                            backoff);
                    Instant retryAt = clock.instant().plus(backoff);
                    executor.execute(() -> events.markFailed(event.eventId(), truncate(result.problem()), retryAt,
                            heldUntil));
                    return false;
                });
    }

    /**
     * Publishes an order's event once more, exactly as it went out the first time, as a crash between the
     * broker's confirm and the mark would: every consumer must recognise it and change nothing.
     *
     * @return the event's id, if the order has one; whether the broker took it is in the log and the metrics
     */
    public Optional<UUID> republish(UUID orderId) {
        return events.findFirstByAggregateId(orderId).map(event -> {
            send(jsonMapper.readValue(event.payload(), OrderCreated.class), event.correlationId(), event.attempts(),
                    event.nextAttemptAt());
            return event.eventId();
        });
    }

    /** 1 s, 2 s, 4 s ... up to {@code ecomnow.outbox.max-backoff}. */
    Duration backoff(int failedBefore) {
        Duration backoff = Duration.ofSeconds(1L << Math.min(failedBefore, 20));
        return backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
    }

    /**
     * Marks what the broker confirmed since the last call, in batches. Until then a confirmed event still looks
     * pending; if the process dies first, the sweep publishes it again (consumers deduplicate), as after any crash
     * between confirm and mark. Each call is a commit of its own, which costs H2 a chunk write, hence batches
     * (docs/performance.md measured the interval). Keep it well below the sweep interval, or the sweep
     * republishes events that are confirmed but not yet marked.
     */
    @PreDestroy
    public void markConfirmed() {
        List<UUID> batch = new ArrayList<>(MARK_BATCH);
        UUID eventId;
        while ((eventId = confirmed.poll()) != null) {
            batch.add(eventId);
            if (batch.size() == MARK_BATCH) {
                events.markAllPublished(batch, clock.instant());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            events.markAllPublished(batch, clock.instant());
        }
    }

    public long pendingCount() {
        return events.countByPublishedAtIsNull();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
