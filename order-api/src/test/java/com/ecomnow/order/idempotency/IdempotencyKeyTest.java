package com.ecomnow.order.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.ecomnow.order.EventCapture;
import com.ecomnow.order.TestOrders;
import com.ecomnow.testsupport.BrokerIntegrationTest;
import com.jayway.jsonpath.JsonPath;

/**
 * {@code Idempotency-Key} on {@code POST /orders}: a retry gets the original order and creates nothing, another
 * body with the same key is refused, concurrent retries create one order, and a failed request frees its key.
 */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
@Import(EventCapture.class)
class IdempotencyKeyTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheOriginalOrderAndCreateNothing() throws Exception {
        String key = "key-" + UUID.randomUUID();
        int ordersBefore = TestOrders.count(jdbc, "orders");

        String first = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(TestOrders.VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andReturn().getResponse().getContentAsString();
        String second = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(TestOrders.VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();

        String id = JsonPath.read(first, "$.id");
        assertThat((String) JsonPath.read(second, "$.id")).isEqualTo(id);
        assertThat(TestOrders.count(jdbc, "orders")).isEqualTo(ordersBefore + 1);
        assertThat(TestOrders.count(jdbc, "outbox_events")).isEqualTo(TestOrders.count(jdbc, "orders"));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIs422() throws Exception {
        String key = "key-" + UUID.randomUUID();
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(TestOrders.VALID)).andExpect(status().isCreated());
        int ordersBefore = TestOrders.count(jdbc, "orders");

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(TestOrders.VALID.replace("\"quantity\":2", "\"quantity\":3")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Idempotency-Key reused"));
        assertThat(TestOrders.count(jdbc, "orders")).isEqualTo(ordersBefore);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneOrder() throws Exception {
        String key = "key-" + UUID.randomUUID();
        int ordersBefore = TestOrders.count(jdbc, "orders");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key).content(TestOrders.VALID))
                        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(JsonPath.read(answer.get(30, TimeUnit.SECONDS), "$.id"));
            }
            assertThat(ids).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(TestOrders.count(jdbc, "orders")).isEqualTo(ordersBefore + 1);
    }

    @Test
    void aFailedRequestReleasesItsIdempotencyKey() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String declined = TestOrders.VALID.replace("tok_visa", "tok_declined");
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(declined)).andExpect(status().isPaymentRequired());

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(TestOrders.VALID)).andExpect(status().isCreated());
    }
    @Autowired
    IdempotencyKeyRepository keys;

    @Test
    void aFailedRequestReleasesOnlyItsOwnClaimNotOneARetryTookOverAndCompleted() {
        String key = "taken-over-" + UUID.randomUUID();
        Instant ours = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MICROS);
        keys.claim(key, "hash", ours);
        // Our request outlived ABANDONED_AFTER: a retry took the key over and completed it with its order.
        keys.deleteById(key);
        keys.claim(key, "hash", Instant.now().truncatedTo(ChronoUnit.MICROS));
        keys.complete(key, UUID.randomUUID());

        keys.release(key, ours);

        assertThat(keys.findById(key)).as("the retry's completed key stays").isPresent();
    }

    @Test
    void aFailedRequestReleasesItsOwnClaim() {
        String key = "released-" + UUID.randomUUID();
        Instant ours = Instant.now().truncatedTo(ChronoUnit.MICROS);
        keys.claim(key, "hash", ours);

        keys.release(key, ours);

        assertThat(keys.findById(key)).isEmpty();
    }
}
