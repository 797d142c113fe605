package com.ecomnow.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The orders order-api answered 201 for during the run, and the units ordered per SKU; also the requests that got
 * no answer at all (a client timeout, a closed connection), whose orders may or may not exist. Thread-safe.
 */
final class AcceptedOrders {

    record Order(String id, String createdAt) {
    }

    private final ConcurrentLinkedQueue<Order> orders = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> unitsBySku = new ConcurrentHashMap<>();
    private final LongAdder count = new LongAdder();
    private final LongAdder withoutId = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> unansweredUnitsBySku = new ConcurrentHashMap<>();
    private final LongAdder unanswered = new LongAdder();

    void add(String orderId, String createdAt, Map<String, Integer> lines) {
        count.increment();
        if (orderId == null) {
            withoutId.increment();
        } else {
            orders.add(new Order(orderId, createdAt));
        }
        lines.forEach((sku, quantity) -> unitsBySku.computeIfAbsent(sku, s -> new LongAdder()).add(quantity));
    }

    /**
     * A request that got no HTTP answer (the server may have stored the order after the client gave up), or 503
     * {@code order-outcome-unknown} (the database failed while committing it and could not say since).
     */
    void addUnanswered(Map<String, Integer> lines) {
        unanswered.increment();
        lines.forEach((sku, quantity) -> unansweredUnitsBySku.computeIfAbsent(sku, s -> new LongAdder()).add(quantity));
    }

    long unanswered() {
        return unanswered.sum();
    }

    Map<String, Long> unansweredUnitsBySku() {
        return sums(unansweredUnitsBySku);
    }

    long count() {
        return count.sum();
    }

    /** Accepted (201) but neither the body's id nor the Location header could be read. */
    long withoutId() {
        return withoutId.sum();
    }

    List<Order> orders() {
        return new ArrayList<>(orders);
    }

    Map<String, Long> unitsBySku() {
        return sums(unitsBySku);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> units = new TreeMap<>();
        adders.forEach((sku, adder) -> units.put(sku, adder.sum()));
        return units;
    }
}
