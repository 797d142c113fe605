package com.ecomnow.order.placement;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderLineItem;
import com.ecomnow.messaging.event.TimeOrderedIds;
import com.ecomnow.order.outbox.Outbox;
import com.ecomnow.order.payment.PaymentGateway;
import com.ecomnow.order.persistence.CommitOutcomeUnknownException;
import com.ecomnow.order.persistence.GroupCommit;

/**
 * Places an order: price, charge, then store the order and its {@code order.created} event in one transaction.
 * It never calls the services that react to the order, and never waits for the broker: the outbox relay
 * publishes the event after the commit. Orders placed at the same moment share a commit ({@link GroupCommit}).
 */
@Service
public class OrderService {

    private final OrderPricing pricing;
    private final PaymentGateway payments;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final GroupCommit groupCommit;
    private final StoredOrderCheck storedOrderCheck;
    private final Clock clock;

    OrderService(OrderPricing pricing, PaymentGateway payments, OrderRepository orders, Outbox outbox,
            GroupCommit groupCommit, StoredOrderCheck storedOrderCheck) {
        this.pricing = pricing;
        this.payments = payments;
        this.orders = orders;
        this.outbox = outbox;
        this.groupCommit = groupCommit;
        this.storedOrderCheck = storedOrderCheck;
        this.clock = Clock.systemUTC();
    }

    /**
     * Places an order without an {@code Idempotency-Key}: if it was not stored, its charge is cancelled.
     *
     * @throws OrderOutcomeUnknownException if storing failed and the database could not tell afterwards whether the
     *         order is there; its charge is kept
     */
    public Order placeOrder(PlaceOrderRequest request, String correlationId) {
        UUID id = TimeOrderedIds.next();
        return place(id, "order:" + id, false, request, correlationId, order -> {
        });
    }

    /**
     * Places an order for a client's {@code Idempotency-Key}: if it cannot be stored, the charge stays for the
     * client's retry with the same key, which reuses it instead of charging again (also after a crash).
     *
     * @param inSameTransaction more work that must commit (or not) together with the order
     */
    public Order placeOrder(PlaceOrderRequest request, String correlationId, String idempotencyKey,
            String requestHash, Consumer<Order> inSameTransaction) {
        return place(TimeOrderedIds.next(), "idempotency-key:" + requestHash + ":" + idempotencyKey, true, request,
                correlationId, inSameTransaction);
    }

    private Order place(UUID id, String paymentKey, boolean retryReusesCharge, PlaceOrderRequest request,
            String correlationId, Consumer<Order> inSameTransaction) {
        PricedOrder priced = pricing.price(request.items());
        // Charged outside the transaction: a slow provider must not hold a database connection.
        String paymentRef = payments.charge(paymentKey, request.paymentToken(), priced.total(), priced.currency());
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            return groupCommit.execute(() -> {
                // Built in here: if a shared commit fails, this runs again and must not reuse rolled-back entities.
                Order order = new Order(id, request.customerEmail().trim(), priced, paymentRef, createdAt);
                orders.insert(order);
                outbox.add(orderCreated(order), correlationId);
                inSameTransaction.accept(order);
                return order;
            });
        }
        catch (CommitOutcomeUnknownException unknown) {
            Optional<Order> stored = storedOrderCheck.storedDespite(id, unknown);
            if (stored.isPresent()) {
                return stored.get();
            }
            notStored(paymentKey, retryReusesCharge);
            throw unknown;
        }
        catch (RuntimeException failed) {
            notStored(paymentKey, retryReusesCharge);
            throw failed;
        }
    }

    private void notStored(String paymentKey, boolean retryReusesCharge) {
        if (!retryReusesCharge) {
            payments.cancel(paymentKey);
        }
    }

    public Order find(UUID id) {
        return orders.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    /**
     * The order's {@code order.created} event. Its id follows from the order's ({@link OrderCreated#eventIdFor}),
     * so the event is the same wherever it is built: in the outbox, again after a shared commit failed, or by the
     * synchronous comparison endpoint.
     */
    public static OrderCreated orderCreated(Order order) {
        return new OrderCreated(OrderCreated.eventIdFor(order.id()), order.id(), order.createdAt(), order.customerEmail(),
                order.lines().stream()
                        .map(line -> new OrderLineItem(line.sku(), line.name(), line.quantity(),
                                line.unitPrice()))
                        .toList(),
                order.totalAmount(), order.currency());
    }
}
