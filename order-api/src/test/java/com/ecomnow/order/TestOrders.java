package com.ecomnow.order;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** What the order-api tests share: a valid order, placing it, counting rows. */
public final class TestOrders {

    public static final String VALID = """
            {"customerEmail":"jane@example.com","paymentToken":"tok_visa",
             "items":[{"sku":"BOOK-001","quantity":2},{"sku":"PEN-001","quantity":1}]}""";

    private TestOrders() {
    }

    /** Places {@link #VALID} and returns the new order's id. */
    public static String place(MockMvc mvc) throws Exception {
        String body = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    public static int count(JdbcTemplate jdbc, String table) {
        Integer count = jdbc.queryForObject("select count(*) from " + table, Integer.class);
        return count == null ? 0 : count;
    }
}
