package com.ecomnow.order.placement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.order.persistence.CommitOutcomeUnknownException;

/**
 * After an order's commit failed: is the order stored anyway? A commit can take effect while its answer is lost
 * (PostgreSQL shutting down between writing it and replying; a connection cut). Such an order exists and the relay
 * publishes its event; answering 503 and cancelling its charge would ship an order its customer was told failed,
 * unpaid. The order's id is chosen before its transaction, so the database can tell: an insert of the same id,
 * rolled back, fails if the order is there and waits if its transaction is still finishing, so its answer is final
 * (a plain read could run before a late commit). While the database cannot answer, it is asked again until
 * {@code ecomnow.placement.outcome-timeout}; an attempt that has begun may take up to the connection pool's
 * timeout on top.
 */
@Component
class StoredOrderCheck {

    private static final Logger log = LoggerFactory.getLogger(StoredOrderCheck.class);
    private static final Duration PAUSE = Duration.ofMillis(200);

    private final OrderRepository orders;
    private final TransactionTemplate transaction;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    StoredOrderCheck(OrderRepository orders, TransactionTemplate transaction, PlacementProperties properties) {
        this.orders = orders;
        this.transaction = transaction;
        this.timeout = properties.outcomeTimeout();
    }

    /**
     * The order if it was stored despite {@code failure}, empty if it was not.
     *
     * @throws OrderOutcomeUnknownException if the database did not answer before the timeout
     */
    Optional<Order> storedDespite(UUID id, CommitOutcomeUnknownException failure) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            try {
                Boolean free = transaction.execute(status -> {
                    status.setRollbackOnly();
                    return orders.idIsFree(id);
                });
                if (Boolean.TRUE.equals(free)) {
                    return Optional.empty();
                }
                log.warn("Order {} was stored although its commit reported a failure ({})", id, failure.getMessage());
                return orders.findById(id);
            }
            catch (DataAccessException | TransactionException unreachable) {
                if (!clock.instant().plus(PAUSE).isBefore(deadline)) {
                    throw unknown(id, failure, unreachable);
                }
                if (!pause()) {
                    throw unknown(id, failure, null);
                }
            }
        }
    }

    private static OrderOutcomeUnknownException unknown(UUID id, RuntimeException failure, RuntimeException lastTry) {
        log.error("Order {}: its commit failed ({}) and the database has not said since whether it was stored "
                + "({}); its charge is kept", id, failure.getMessage(), lastTry == null ? "interrupted" : lastTry);
        return new OrderOutcomeUnknownException(id, failure);
    }

    /** @return false if interrupted */
    private static boolean pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
