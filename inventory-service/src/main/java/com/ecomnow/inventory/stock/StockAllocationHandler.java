package com.ecomnow.inventory.stock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.ecomnow.messaging.consumer.OrderEventHandler;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderLineItem;

/** inventory-service's whole subscription: take each order line from stock once, or record a backorder. */
@Component
class StockAllocationHandler implements OrderEventHandler {

    private final StockLedger ledger;
    private final Clock clock = Clock.systemUTC();

    StockAllocationHandler(StockLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * A batch locks every SKU it touches before its first order, in one sorted statement, and keeps the rows for
     * the batch's orders. Locking order by order would let two consumer threads' batches take the same rows in
     * opposite orders and deadlock, each a rollback and a retry (counted in docs/messaging.md).
     */
    @Override
    public void beforeBatch(List<OrderCreated> orders) {
        Map<String, StockItem> locked = ledger.lock(skusOf(orders.stream().flatMap(o -> o.items().stream()).toList()));
        TransactionSynchronizationManager.bindResource(this, locked);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(StockAllocationHandler.this);
            }
        });
    }

    @Override
    public void handle(OrderCreated order) {
        Set<String> skus = skusOf(order.items());
        Map<String, StockItem> locked = lockedFor(skus);
        List<String> unknown = skus.stream().filter(sku -> !locked.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            // Retrying cannot create a SKU: park the event so someone adds the SKU and replays it.
            throw new InvalidEventException("SKU(s) not stocked by the warehouse: " + String.join(", ", unknown));
        }
        Instant now = clock.instant();
        Map<String, StockItem> changed = new LinkedHashMap<>();
        List<StockMovement> movements = new ArrayList<>(order.items().size());
        for (OrderLineItem line : order.items()) {
            StockItem item = locked.get(line.sku());
            movements.add(new StockMovement(order.eventId(), order.orderId(), line.sku(), line.quantity(),
                    item.take(line.quantity(), now), now));
            changed.put(item.getSku(), item);
        }
        ledger.apply(changed.values(), movements);
    }

    /** The rows this transaction's batch locked, if it did and they cover this order; else locks them now. */
    @SuppressWarnings("unchecked")
    private Map<String, StockItem> lockedFor(Set<String> skus) {
        Map<String, StockItem> batch = (Map<String, StockItem>) TransactionSynchronizationManager.getResource(this);
        return batch != null && batch.keySet().containsAll(skus) ? batch : ledger.lock(skus);
    }

    private static TreeSet<String> skusOf(List<OrderLineItem> lines) {
        return lines.stream().map(OrderLineItem::sku).collect(Collectors.toCollection(TreeSet::new));
    }
}
