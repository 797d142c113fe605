package com.ecomnow.inventory.stock;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.ecomnow.messaging.consumer.OrderEventHandler;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderLineItem;

/** inventory-service's whole subscription: take each order line from stock once, or record a backorder. */
@Component
class StockAllocationHandler implements OrderEventHandler {

    private final StockRepository stock;
    private final StockMovementRepository movements;
    private final Clock clock = Clock.systemUTC();

    StockAllocationHandler(StockRepository stock, StockMovementRepository movements) {
        this.stock = stock;
        this.movements = movements;
    }

    /**
     * A batch locks every SKU it touches before its first order, in one sorted statement. Locking order by order
     * would let two consumer threads' batches take the same rows in opposite orders: at 400 orders/s that was
     * hundreds of deadlocks a minute, each a rollback and a retry.
     */
    @Override
    public void beforeBatch(List<OrderCreated> orders) {
        stock.lockAll(skusOf(orders.stream().flatMap(order -> order.items().stream()).toList()));
    }

    @Override
    public void handle(OrderCreated order) {
        TreeSet<String> skus = skusOf(order.items());
        Map<String, StockItem> locked = stock.lockAll(skus).stream()
                .collect(Collectors.toMap(StockItem::getSku, Function.identity()));
        skus.removeAll(locked.keySet());
        if (!skus.isEmpty()) {
            // Retrying cannot create a SKU: park the event so someone adds the SKU and replays it.
            throw new InvalidEventException("SKU(s) not stocked by the warehouse: " + String.join(", ", skus));
        }
        Instant now = clock.instant();
        for (OrderLineItem line : order.items()) {
            StockMovement.Outcome outcome = locked.get(line.sku()).take(line.quantity(), now);
            movements.save(new StockMovement(order.eventId(), order.orderId(), line.sku(), line.quantity(), outcome,
                    now));
        }
    }

    private static TreeSet<String> skusOf(List<OrderLineItem> lines) {
        return lines.stream().map(OrderLineItem::sku).collect(Collectors.toCollection(TreeSet::new));
    }
}
