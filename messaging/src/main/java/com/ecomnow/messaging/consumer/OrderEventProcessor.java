package com.ecomnow.messaging.consumer;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.messaging.consumer.ConsumerMetrics.Outcome;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;

/**
 * Decides what becomes of one message: processed once, skipped as a duplicate, or parked in the dead-letter
 * queue. The broker-facing part (acks) stays in {@link InboxMessageListener}.
 *
 * <ul>
 * <li>A message that can never succeed ({@link InvalidEventException}) is parked at once.</li>
 * <li>Any other failure is retried with exponential backoff, a bounded number of times, then parked.</li>
 * <li>The handler and the inbox record share one transaction: either both happen or neither does.</li>
 * </ul>
 */
public class OrderEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);

    private final OrderEventMessages messages;
    private final OrderEventHandler handler;
    private final ProcessedEventInbox inbox;
    private final TransactionTemplate transaction;
    private final RetryTemplate retry;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerMetrics metrics;

    public OrderEventProcessor(OrderEventMessages messages, OrderEventHandler handler, ProcessedEventInbox inbox,
            TransactionTemplate transaction, ConsumerProperties.Retry retryProperties, DeadLetterPublisher deadLetters,
            ConsumerMetrics metrics) {
        this.messages = messages;
        this.handler = handler;
        this.inbox = inbox;
        this.transaction = transaction;
        this.retry = new RetryTemplate(retryPolicy(retryProperties));
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    static RetryPolicy retryPolicy(ConsumerProperties.Retry properties) {
        return RetryPolicy.builder()
                .maxRetries(properties.getMaxRetries())
                .delay(properties.getInitialInterval())
                .multiplier(properties.getMultiplier())
                .maxDelay(properties.getMaxInterval())
                .predicate(failure -> !(failure instanceof InvalidEventException))
                .build();
    }

    public Outcome process(Message message) {
        Outcome outcome = metrics.processingTimer().record(() -> decide(message));
        metrics.record(outcome);
        return outcome;
    }

    private Outcome decide(Message message) {
        OrderCreated event;
        try {
            event = messages.read(message);
        }
        catch (InvalidEventException invalid) {
            log.warn("Parking invalid message {}: {}", message.getMessageProperties().getMessageId(),
                    invalid.getMessage());
            deadLetters.park(message, invalid, 1);
            return Outcome.DEAD_LETTERED;
        }

        AtomicInteger attempts = new AtomicInteger();
        try {
            return retry.execute(() -> {
                if (attempts.incrementAndGet() > 1) {
                    metrics.record(Outcome.RETRIED);
                }
                return applyOnce(event);
            });
        }
        catch (RetryException exhausted) {
            Throwable reason = exhausted.getCause() != null ? exhausted.getCause() : exhausted;
            log.warn("Parking event {} after {} attempt(s): {}", event.eventId(), attempts.get(), reason.toString());
            deadLetters.park(message, reason, attempts.get());
            return Outcome.DEAD_LETTERED;
        }
    }

    /** One attempt: the inbox record and the handler's side effect commit together, or not at all. */
    private Outcome applyOnce(OrderCreated event) {
        try {
            return transaction.execute(status -> {
                if (!inbox.recordFirstDelivery(event.eventId())) {
                    // PostgreSQL aborts a transaction after a failed insert: never try to commit it.
                    status.setRollbackOnly();
                    log.debug("Skipping duplicate event {}", event.eventId());
                    return Outcome.DUPLICATE;
                }
                handler.handle(event);
                return Outcome.PROCESSED;
            });
        }
        catch (DuplicateKeyException concurrentCopy) {
            // Another thread committed the same event while we waited for its row lock.
            log.debug("Skipping duplicate event {} processed concurrently", event.eventId());
            return Outcome.DUPLICATE;
        }
    }
}
