package com.ecomnow.order.catalog;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code products} table. */
@Repository
class ProductRepository {

    private final JdbcTemplate jdbc;

    ProductRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Product> findAllByOrderBySkuAsc() {
        return jdbc.query("select sku, name, unit_price from products order by sku",
                (row, n) -> new Product(row.getString("sku"), row.getString("name"), row.getBigDecimal("unit_price")));
    }
}
