package com.ecomnow.order.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.ecomnow.order.catalog.CatalogProperties;
import com.ecomnow.order.catalog.Product;
import com.ecomnow.order.catalog.ProductCatalog;

/** Prices requested lines from order-api's own catalog: the client never sets a price. */
@Component
public class OrderPricing {

    private final ProductCatalog products;
    private final CatalogProperties catalog;

    public OrderPricing(ProductCatalog products, CatalogProperties catalog) {
        this.products = products;
        this.catalog = catalog;
    }

    /** @throws UnknownSkuException naming every SKU the catalog does not have */
    public PricedOrder price(List<PlaceOrderRequest.Item> items) {
        Set<String> skus = items.stream().map(PlaceOrderRequest.Item::sku).collect(Collectors.toCollection(LinkedHashSet::new));
        return price(items, products.find(skus));
    }

    PricedOrder price(List<PlaceOrderRequest.Item> items, Map<String, Product> bySku) {
        List<String> unknown = items.stream().map(PlaceOrderRequest.Item::sku)
                .filter(sku -> !bySku.containsKey(sku)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSkuException(unknown);
        }
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (PlaceOrderRequest.Item item : items) {
            Product product = bySku.get(item.sku());
            lines.add(new OrderLine(product.sku(), product.name(), item.quantity(), product.unitPrice()));
        }
        return new PricedOrder(lines, total(lines), catalog.currency());
    }

    static BigDecimal total(Collection<OrderLine> lines) {
        return lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_EVEN);
    }
}
