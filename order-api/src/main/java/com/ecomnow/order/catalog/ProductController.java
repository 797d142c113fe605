package com.ecomnow.order.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductController {

    private final ProductCatalog products;
    private final CatalogProperties catalog;

    ProductController(ProductCatalog products, CatalogProperties catalog) {
        this.products = products;
        this.catalog = catalog;
    }

    @GetMapping("/products")
    List<ProductView> list() {
        return products.all().stream()
                .map(product -> new ProductView(product.sku(), product.name(), product.unitPrice(),
                        catalog.currency()))
                .toList();
    }

    record ProductView(String sku, String name, BigDecimal unitPrice, String currency) {
    }
}
