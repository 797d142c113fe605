package com.ecomnow.order.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.Map;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The catalog held in memory: pricing reads it on every order, and a query per order was a large share of
 * order-api's CPU under load (docs/performance.md). It is loaded at start-up and reloaded every
 * {@code ecomnow.catalog.refresh-interval}, so a price changed in the database is charged from the next reload.
 */
@Component
public class ProductCatalog implements SchedulingConfigurer {

    private final ProductRepository products;
    private final CatalogProperties properties;
    private volatile Map<String, Product> bySku;

    public ProductCatalog(ProductRepository products, CatalogProperties properties) {
        this.products = products;
        this.properties = properties;
        this.bySku = load();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::reload, properties.refreshInterval(),
                properties.refreshInterval()));
    }

    public void reload() {
        bySku = load();
    }

    /** Every product, ordered by SKU. */
    public Collection<Product> all() {
        return bySku.values();
    }

    /** The products among {@code skus} that the catalog has; unknown SKUs are simply absent. */
    public Map<String, Product> find(Collection<String> skus) {
        Map<String, Product> snapshot = bySku;
        Map<String, Product> found = new LinkedHashMap<>();
        for (String sku : skus) {
            Product product = snapshot.get(sku);
            if (product != null) {
                found.put(sku, product);
            }
        }
        return found;
    }

    private Map<String, Product> load() {
        Map<String, Product> loaded = new LinkedHashMap<>();
        products.findAllByOrderBySkuAsc().forEach(product -> loaded.put(product.sku(), product));
        return Collections.unmodifiableMap(loaded);
    }
}
