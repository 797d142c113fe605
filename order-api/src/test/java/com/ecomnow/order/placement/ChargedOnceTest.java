package com.ecomnow.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.ecomnow.testsupport.BrokerIntegrationTest;
import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The payment is charged before the order's transaction. When that transaction fails, a client's retry with the
 * same {@code Idempotency-Key} reuses the charge, and an order placed without a key has its charge cancelled:
 * one charge per stored order, never two. A commit that took effect although it reported a failure (its answer
 * lost) is an order like any other: 201, charge kept.
 */
@SpringBootTest(properties = "ecomnow.placement.outcome-timeout=1s")
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
    /** The commit takes effect, then reports a failure, as when the database's answer to COMMIT is lost. */
    private final AtomicBoolean commitAnswerLost = new AtomicBoolean();
    /** The commit fails and does not take effect. */
    private final AtomicBoolean commitFails = new AtomicBoolean();
    private final AtomicBoolean lookupsFail = new AtomicBoolean();

    @BeforeEach
    void failWhileAsked() {
        doAnswer(call -> {
            if (storageFails.get()) {
                throw new DataAccessResourceFailureException("simulated: the database went away mid-statement");
            }
            if (commitAnswerLost.get() || commitFails.get()) {
                boolean takesEffect = commitAnswerLost.get();
                // Runs inside the order's real transaction: its commit is the one that fails.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

                    @Override
                    public void beforeCommit(boolean readOnly) {
                        if (!takesEffect) {
                            throw new TransientDataAccessResourceException("simulated: COMMIT failed");
                        }
                    }

                    @Override
                    public void afterCommit() {
                        throw new TransientDataAccessResourceException("simulated: the answer to COMMIT was lost");
                    }
                });
            }
            return call.callRealMethod();
        }).when(orders).insert(any());
        doAnswer(call -> {
            if (lookupsFail.get()) {
                throw new DataAccessResourceFailureException("simulated: the database is still restarting");
            }
            return call.callRealMethod();
        }).when(orders).idIsFree(any());
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
        String paymentRef = JsonPath.read(body, "$.paymentRef");

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

    @Test
    void anOrderCommittedDespiteAReportedFailureIsAnsweredAsPlacedAndKeepsItsCharge() throws Exception {
        double cancelled = charges("cancelled");

        commitAnswerLost.set(true);
        String body = mvc.perform(order(null)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");

        assertThat(charges("cancelled") - cancelled).as("the stored order's charge stays").isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_events where aggregate_id = ?", Integer.class,
                UUID.fromString(id))).as("its event is in the outbox, for the relay").isOne();
    }

    @Test
    void aCommitThatFailedWithoutEffectIs503AndItsChargeIsCancelled() throws Exception {
        double cancelled = charges("cancelled");
        long before = jdbc.queryForObject("select count(*) from orders", Long.class);

        commitFails.set(true);
        mvc.perform(order(null)).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Storage unavailable"));

        assertThat(charges("cancelled") - cancelled).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from orders", Long.class)).isEqualTo(before);
    }

    @Test
    void withAKeyARetryAfterACommitThatTookEffectGetsTheSameOrder() throws Exception {
        String key = "answer-lost-" + UUID.randomUUID();
        commitAnswerLost.set(true);
        String first = mvc.perform(order(key)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        commitAnswerLost.set(false);

        mvc.perform(order(key)).andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value(JsonPath.<String>read(first, "$.id")));
    }

    @Test
    void whenTheDatabaseCannotTellTheAnswerNamesTheOrderAndKeepsTheChargeAndTheKey() throws Exception {
        double cancelled = charges("cancelled");
        double charged = charges("charged");
        String key = "outcome-unknown-" + UUID.randomUUID();

        commitAnswerLost.set(true);
        lookupsFail.set(true);
        String body = mvc.perform(order(key))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(Matchers.endsWith("/order-outcome-unknown")))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.orderId");
        assertThat(charges("cancelled") - cancelled).as("an order that may exist keeps its charge").isZero();

        commitAnswerLost.set(false);
        lookupsFail.set(false);
        mvc.perform(get("/orders/" + id)).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        mvc.perform(order(key)).andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value(id));
        assertThat(charges("charged") - charged).as("one charge in all").isEqualTo(1);
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
