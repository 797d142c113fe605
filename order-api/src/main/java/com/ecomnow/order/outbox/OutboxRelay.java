package com.ecomnow.order.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.order.messaging.ConfirmedPublisher;
import com.ecomnow.order.messaging.ConfirmedPublisher.PublishResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * Moves events from the outbox to {@code order_events}. An event is published right after its transaction
 * commits, on the relay's own threads (the HTTP request never waits for the broker), and marked published only
 * when the broker has confirmed it. Whatever was not confirmed (broker down, nack, return, timeout, crash) is
 * picked up by the periodic sweep: delivery is at least once, and consumers are idempotent.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxEventRepository events;
    private final ConfirmedPublisher publisher;
    private final OrderEventMessages messages;
    private final JsonMapper jsonMapper;
    private final OutboxProperties properties;
    private final Executor executor;
    private final Clock clock = Clock.systemUTC();

    public OutboxRelay(OutboxEventRepository events, ConfirmedPublisher publisher, OrderEventMessages messages,
            JsonMapper jsonMapper, OutboxProperties properties, @Qualifier("outboxRelayExecutor") Executor executor) {
        this.events = events;
        this.publisher = publisher;
        this.messages = messages;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        this.executor = executor;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onCommitted(OutboxEventStored stored) {
        executor.execute(() -> send(stored.event(), stored.correlationId()));
    }

    /** Publishes what is still pending and older than one sweep interval (younger events are in flight). */
    @Scheduled(fixedDelayString = "${ecomnow.outbox.sweep-interval:5s}",
            initialDelayString = "${ecomnow.outbox.sweep-interval:5s}")
    public void sweep() {
        Instant before = clock.instant().minus(properties.sweepInterval());
        List<UUID> pending = events.findPendingCreatedBefore(before, Limit.of(properties.sweepBatchSize()));
        if (!pending.isEmpty()) {
            log.info("Outbox sweep: publishing {} pending event(s)", pending.size());
        }
        for (UUID eventId : pending) {
            if (!publish(eventId)) {
                break; // the broker is not taking messages; the next sweep tries again
            }
        }
    }

    /** @return whether the event is now published (or was already) */
    boolean publish(UUID eventId) {
        OutboxEvent event = events.findById(eventId).orElse(null);
        if (event == null || event.getPublishedAt() != null) {
            return true;
        }
        return send(jsonMapper.readValue(event.getPayload(), OrderCreated.class), event.getCorrelationId());
    }

    private boolean send(OrderCreated event, String correlationId) {
        PublishResult result = publisher.publish(messages.toMessage(event, correlationId),
                properties.publishTimeout());
        if (result.confirmed()) {
            events.markPublished(event.eventId(), clock.instant());
            return true;
        }
        log.warn("Event {} not published yet ({}); it stays in the outbox", event.eventId(), result.problem());
        events.markFailed(event.eventId(), truncate(result.problem()));
        return false;
    }

    public long pendingCount() {
        return events.countByPublishedAtIsNull();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
