package com.ecomnow.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecomnow.order.catalog.CatalogProperties;
import com.ecomnow.order.catalog.Product;

class OrderPricingTest {

    private final OrderPricing pricing = new OrderPricing(null, new CatalogProperties("EUR", Duration.ofSeconds(30)));

    private final Map<String, Product> catalog = Map.of(
            "BOOK-001", new Product("BOOK-001", "Book", new BigDecimal("42.50")),
            "PEN-002", new Product("PEN-002", "Pens", new BigDecimal("6.55")));

    @Test
    void pricesEveryLineFromTheCatalogAndAddsUpTheTotal() {
        PricedOrder priced = pricing.price(List.of(new PlaceOrderRequest.Item("BOOK-001", 2),
                new PlaceOrderRequest.Item("PEN-002", 3)), catalog);

        assertThat(priced.lines()).extracting(OrderLine::sku, OrderLine::name, OrderLine::quantity,
                OrderLine::unitPrice)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BOOK-001", "Book", 2, new BigDecimal("42.50")),
                        org.assertj.core.groups.Tuple.tuple("PEN-002", "Pens", 3, new BigDecimal("6.55")));
        assertThat(priced.total()).isEqualByComparingTo("104.65");
        assertThat(priced.total().scale()).isEqualTo(2);
        assertThat(priced.currency()).isEqualTo("EUR");
    }

    @Test
    void keepsRepeatedSkusAsSeparateLines() {
        PricedOrder priced = pricing.price(List.of(new PlaceOrderRequest.Item("BOOK-001", 1),
                new PlaceOrderRequest.Item("BOOK-001", 1)), catalog);

        assertThat(priced.lines()).hasSize(2);
        assertThat(priced.total()).isEqualByComparingTo("85.00");
    }

    @Test
    void namesEveryUnknownSkuOnce() {
        assertThatThrownBy(() -> pricing.price(List.of(new PlaceOrderRequest.Item("NOPE-1", 1),
                new PlaceOrderRequest.Item("BOOK-001", 1), new PlaceOrderRequest.Item("NOPE-2", 1),
                new PlaceOrderRequest.Item("NOPE-1", 2)), catalog))
                .isInstanceOfSatisfying(UnknownSkuException.class,
                        ex -> assertThat(ex.getSkus()).containsExactly("NOPE-1", "NOPE-2"));
    }
}
