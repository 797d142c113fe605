package com.ecomnow.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.ecomnow.testsupport.BrokerIntegrationTest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The payment is charged before the order's transaction. When that transaction fails, a client's retry with the
 * same {@code Idempotency-Key} reuses the charge, and an order placed without a key has its charge cancelled:
 * one charge per stored order, never two.
 */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
class ChargedOnceTest {

    private static final String ORDER = """
            {"customerEmail":"twice@example.com","paymentToken":"tok_visa","items":[{"sku":"PEN-001","quantity":1}]}""";

    @MockitoSpyBean
    OrderRepository orders;

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    private final AtomicBoolean storageFails = new AtomicBoolean();

    @BeforeEach
    void failTheOrderInsertWhileAsked() {
        doAnswer(call -> {
            if (storageFails.get()) {
                throw new DataAccessResourceFailureException("simulated: the database went away mid-commit");
            }
            return call.callRealMethod();
        }).when(orders).insert(any());
    }

    @Test
    void aRetryWithTheSameKeyAfterTheCommitFailedReusesTheFirstCharge() throws Exception {
        double charged = charges("charged");
        double reused = charges("reused");
        String key = "charged-once-" + UUID.randomUUID();

        storageFails.set(true);
        mvc.perform(order(key))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Storage unavailable"));
        assertThat(charges("charged") - charged).as("the first attempt charged").isEqualTo(1);

        storageFails.set(false);
        String body = mvc.perform(order(key)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String paymentRef = com.jayway.jsonpath.JsonPath.read(body, "$.paymentRef");

        assertThat(charges("charged") - charged).as("one charge in all").isEqualTo(1);
        assertThat(charges("reused") - reused).as("the retry reused it").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from orders where payment_ref = ?", Integer.class,
                paymentRef)).as("one order carries the charge").isOne();
    }

    @Test
    void withoutAKeyTheChargeOfAnOrderThatWasNotStoredIsCancelled() throws Exception {
        double charged = charges("charged");
        double cancelled = charges("cancelled");

        storageFails.set(true);
        mvc.perform(order(null)).andExpect(status().isServiceUnavailable());

        assertThat(charges("charged") - charged).isEqualTo(1);
        assertThat(charges("cancelled") - cancelled).as("no charge is left without its order").isEqualTo(1);
    }

    private static MockHttpServletRequestBuilder order(String idempotencyKey) {
        MockHttpServletRequestBuilder request = post("/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER);
        return idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey);
    }

    private double charges(String outcome) {
        Counter counter = meters.find("ecomnow.payment.charges").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
