package com.ecomnow.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** The orders order-api answered 201 for during the run, and the units ordered per SKU. Thread-safe. */
final class AcceptedOrders {

    record Order(String id, String createdAt) {
    }

    private final ConcurrentLinkedQueue<Order> orders = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> unitsBySku = new ConcurrentHashMap<>();
    private final LongAdder count = new LongAdder();
    private final LongAdder withoutId = new LongAdder();

    void add(String orderId, String createdAt, Map<String, Integer> lines) {
        count.increment();
        if (orderId == null) {
            withoutId.increment();
        } else {
            orders.add(new Order(orderId, createdAt));
        }
        lines.forEach((sku, quantity) -> unitsBySku.computeIfAbsent(sku, s -> new LongAdder()).add(quantity));
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
        Map<String, Long> units = new TreeMap<>();
        unitsBySku.forEach((sku, adder) -> units.put(sku, adder.sum()));
        return units;
    }
}
