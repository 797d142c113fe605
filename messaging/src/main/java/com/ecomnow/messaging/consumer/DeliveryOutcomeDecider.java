package com.ecomnow.messaging.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.messaging.consumer.ConsumerMetrics.Outcome;
import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;

/**
 * Decides what becomes of one delivery: processed once, skipped as a duplicate, sent to wait for a retry, or
 * parked in the dead-letter queue. The broker-facing part (acks) stays in {@link ManualAckListener}.
 *
 * <ul>
 * <li>A message that can never succeed ({@link InvalidEventException}, or larger than the configured maximum) is
 * parked at once.</li>
 * <li>Any other failure sends the message to a retry queue (see {@link RetryScheduler}); after the last retry it
 * is parked.</li>
 * <li>The handler and the inbox record share one transaction: either both happen or neither does.</li>
 * <li>Under load, a batch of deliveries shares one transaction ({@link #decideTogether}): one commit instead
 * of one per event. If anything in the batch fails, the whole transaction rolls back and the listener processes
 * the batch again one message at a time, with the rules above.</li>
 * </ul>
 */
public class DeliveryOutcomeDecider {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomeDecider.class);

    private final OrderEventMessages messages;
    private final OrderEventHandler handler;
    private final ProcessedEventInbox inbox;
    private final TransactionTemplate transaction;
    private final RetryScheduler retries;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerMetrics metrics;
    private final long maxMessageBytes;

    public DeliveryOutcomeDecider(OrderEventMessages messages, OrderEventHandler handler, ProcessedEventInbox inbox,
            TransactionTemplate transaction, RetryScheduler retries, DeadLetterPublisher deadLetters,
            ConsumerMetrics metrics, long maxMessageBytes) {
        this.messages = messages;
        this.handler = handler;
        this.inbox = inbox;
        this.transaction = transaction;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.maxMessageBytes = maxMessageBytes;
    }

    public Outcome decide(Message message) {
        Outcome outcome = metrics.processingTimer().record(() -> settle(message));
        metrics.record(outcome);
        return outcome;
    }

    private Outcome settle(Message message) {
        int attempt = RetryScheduler.previousAttempts(message) + 1;
        OrderCreated event;
        try {
            event = read(message);
        }
        catch (InvalidEventException invalid) {
            log.warn("Parking invalid message {}: {}", message.getMessageProperties().getMessageId(),
                    invalid.getMessage());
            deadLetters.park(message, invalid, attempt);
            return Outcome.DEAD_LETTERED;
        }
        try {
            return applyOnce(event);
        }
        catch (InvalidEventException invalid) {
            log.warn("Parking event {}: {}", event.eventId(), invalid.getMessage());
            deadLetters.park(message, invalid, attempt);
            return Outcome.DEAD_LETTERED;
        }
        catch (RuntimeException failure) {
            if (retries.canRetry(attempt)) {
                Duration delay = retries.schedule(message, attempt, failure);
                log.info("Event {} failed on attempt {} ({}); retrying in {}", event.eventId(), attempt,
                        failure.toString(), delay);
                return Outcome.RETRIED;
            }
            log.warn("Parking event {} after {} attempt(s): {}", event.eventId(), attempt, failure.toString());
            deadLetters.park(message, failure, attempt);
            return Outcome.DEAD_LETTERED;
        }
    }

    /**
     * Applies every message of a batch in one transaction: the inbox records and the handler's side effects commit
     * together. Only first deliveries of valid events go this way; anything else (a retry, an invalid message, a
     * failure anywhere in the batch) makes it return {@code false} with nothing
     * committed, and the caller must then {@link #decide} each message on its own.
     *
     * @return {@code true} if every message's outcome is committed and they may all be acked
     */
    public boolean decideTogether(List<Message> batch) {
        List<OrderCreated> events = new ArrayList<>(batch.size());
        List<String> correlationIds = new ArrayList<>(batch.size());
        for (Message message : batch) {
            if (RetryScheduler.previousAttempts(message) > 0) {
                return false;
            }
            try {
                events.add(read(message));
                Object correlationId = message.getMessageProperties().getHeader(EventHeaders.CORRELATION_ID);
                correlationIds.add(correlationId == null ? null : correlationId.toString());
            }
            catch (InvalidEventException invalid) {
                return false;
            }
        }
        long start = System.nanoTime();
        List<Outcome> outcomes;
        try {
            outcomes = transaction.execute(status -> applyAll(events, correlationIds));
        }
        catch (RuntimeException failure) {
            log.debug("A batch of {} failed ({}); processing its messages one by one", batch.size(),
                    failure.toString());
            return false;
        }
        Duration perEvent = Duration.ofNanos((System.nanoTime() - start) / batch.size());
        for (int i = 0; i < outcomes.size(); i++) {
            metrics.processingTimer().record(perEvent);
            metrics.record(outcomes.get(i));
            if (outcomes.get(i) == Outcome.PROCESSED) {
                metrics.recordLag(events.get(i).occurredAt());
            }
        }
        return true;
    }

    /** Inside one transaction. A duplicate known before it starts is skipped; one that races us fails it. */
    private List<Outcome> applyAll(List<OrderCreated> events, List<String> correlationIds) {
        Set<UUID> seen = new HashSet<>(inbox.alreadyProcessed(events.stream().map(OrderCreated::eventId).toList()));
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<Integer> fresh = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            boolean first = seen.add(events.get(i).eventId());
            outcomes.add(first ? Outcome.PROCESSED : Outcome.DUPLICATE);
            if (first) {
                fresh.add(i);
            }
        }
        if (!fresh.isEmpty()) {
            handler.beforeBatch(fresh.stream().map(events::get).toList());
        }
        for (int i : fresh) {
            OrderCreated event = events.get(i);
            inbox.record(event.eventId());
            // The handler's log lines carry their own order's correlation id, as on the one-by-one path.
            try (MDC.MDCCloseable ignored = MDC.putCloseable("correlationId", correlationIds.get(i))) {
                handler.handle(event);
            }
        }
        return outcomes;
    }

    /**
     * The synchronous path of the "before" architecture: the same validation, inbox and handler, called over HTTP
     * instead of from the queue. Failures are the caller's problem, as they were in the old design.
     */
    public Outcome applyDirectly(OrderCreated event) {
        Outcome outcome = metrics.processingTimer().record(() -> applyOnce(event.requireValid()));
        metrics.record(outcome);
        return outcome;
    }

    private OrderCreated read(Message message) {
        if (message.getBody().length > maxMessageBytes) {
            throw new InvalidEventException("message of " + message.getBody().length + " bytes exceeds the "
                    + maxMessageBytes + " bytes allowed (ecomnow.consumer.max-message-size)");
        }
        return messages.read(message);
    }

    /** One attempt: the inbox record and the handler's side effect commit together, or not at all. */
    private Outcome applyOnce(OrderCreated event) {
        try {
            Outcome outcome = transaction.execute(status -> {
                if (!inbox.recordFirstDelivery(event.eventId())) {
                    // PostgreSQL aborts a transaction after a failed insert: never try to commit it.
                    status.setRollbackOnly();
                    log.debug("Skipping duplicate event {}", event.eventId());
                    return Outcome.DUPLICATE;
                }
                handler.handle(event);
                return Outcome.PROCESSED;
            });
            if (outcome == Outcome.PROCESSED) {
                metrics.recordLag(event.occurredAt());
            }
            return outcome;
        }
        catch (DuplicateKeyException duplicate) {
            // Another thread committed the same event while we waited for its row lock. Anything else that
            // violates a unique key (the handler's own tables) is a real failure, not a duplicate.
            if (inbox.contains(event.eventId())) {
                log.debug("Skipping duplicate event {} processed concurrently", event.eventId());
                return Outcome.DUPLICATE;
            }
            throw duplicate;
        }
    }
}
