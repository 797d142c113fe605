package com.ecomnow.order.catalog;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.ecomnow.order.EventCapture;
import com.ecomnow.testsupport.BrokerIntegrationTest;

/** The catalog order-api serves and prices from, held in memory and reloaded. */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
@Import(EventCapture.class)
class CatalogTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProductCatalog catalog;

    @Test
    void theCatalogIsServed() throws Exception {
        mvc.perform(get("/products")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(10))
                .andExpect(jsonPath("$[0].sku").value("BAG-001"))
                .andExpect(jsonPath("$[0].currency").value("EUR"));
    }

    @Test
    void aPriceChangedInTheDatabaseIsChargedFromTheNextCatalogReload() throws Exception {
        String body = """
                {"customerEmail":"jane@example.com","items":[{"sku":"MUG-001","quantity":1}],"paymentToken":"tok_visa"}""";
        String before = jdbc.queryForObject("select unit_price from products where sku = 'MUG-001'", String.class);
        try {
            jdbc.update("update products set unit_price = 99.99 where sku = 'MUG-001'");
            mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.items[0].unitPrice").value(Double.parseDouble(before)));

            catalog.reload();
            mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.items[0].unitPrice").value(99.99));
        }
        finally {
            jdbc.update("update products set unit_price = ? where sku = 'MUG-001'", new BigDecimal(before));
            catalog.reload();
        }
    }
}
