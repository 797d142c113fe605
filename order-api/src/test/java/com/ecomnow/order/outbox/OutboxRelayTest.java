package com.ecomnow.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.order.EventCapture;
import com.ecomnow.order.TestOrders;
import com.ecomnow.testsupport.BrokerIntegrationTest;
import com.jayway.jsonpath.JsonPath;

/**
 * The relay on the real broker: an event whose mark was lost is published again with the same id, an operator's
 * republish sends the same event, an event the broker returns is marked failed and published by a later sweep, and
 * only one sweep can claim a due event.
 */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
@Import(EventCapture.class)
class OutboxRelayTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCapture capture;

    @Autowired
    OrderEventMessages messages;

    @Autowired
    OutboxEventRepository outboxEvents;

    @Autowired
    OutboxRelay relay;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    Binding captureBinding;

    @Test
    void republishingSendsTheSameEventAgainAndAnUnknownOrderIs404() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(TestOrders.VALID))
                .andExpect(status().isCreated()).andReturn();
        String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        Message first = capture.nextEventFor(id, 10_000);
        assertThat(first).isNotNull();

        mvc.perform(post("/admin/outbox/republish").param("orderId", id))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.orderId").value(id))
                .andExpect(jsonPath("$.eventId").value(first.getMessageProperties().getMessageId()));

        Message again = capture.nextEventFor(id, 10_000);
        assertThat(again).as("the republished copy").isNotNull();
        assertThat(again.getMessageProperties().getMessageId()).isEqualTo(first.getMessageProperties().getMessageId());
        assertThat(again.getBody()).isEqualTo(first.getBody());
        mvc.perform(post("/admin/outbox/republish").param("orderId", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anEventWhoseRelayCrashedBeforeMarkingItIsPublishedAgainWithTheSameEventId() throws Exception {
        String id = TestOrders.place(mvc);
        Message first = capture.nextEventFor(id, 10_000);
        assertThat(first).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ? and published_at is not null",
                Integer.class, UUID.fromString(id)) == 1);

        // The state a crash between the broker's confirm and the update leaves behind.
        jdbc.update("update outbox_events set published_at = null where aggregate_id = ?", UUID.fromString(id));

        Message again = capture.nextEventFor(id, 15_000);
        assertThat(again).as("republished by the sweep").isNotNull();
        assertThat(again.getMessageProperties().getMessageId()).isEqualTo(first.getMessageProperties().getMessageId());
        assertThat(messages.read(again).orderId()).hasToString(id);
    }

    @Test
    void anEventTheBrokerReturnsIsMarkedFailedWithTheReasonAndALaterSweepPublishesIt() throws Exception {
        admin.removeBinding(captureBinding); // no queue left on order_events: the broker returns the event
        String id;
        UUID orderId;
        try {
            id = TestOrders.place(mvc);
            orderId = UUID.fromString(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select attempts from outbox_events where aggregate_id = ?", Integer.class, orderId) >= 1);
            var row = jdbc.queryForMap("select last_error, published_at from outbox_events where aggregate_id = ?",
                    orderId);
            assertThat(row.get("published_at")).isNull();
            // RabbitMQ returns an unroutable mandatory message; the embedded broker nacks it.
            assertThat((String) row.get("last_error")).containsAnyOf("returned by the broker", "nacked by the broker");
        }
        finally {
            admin.declareBinding(captureBinding);
        }
        jdbc.update("update outbox_events set next_attempt_at = ? where aggregate_id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), orderId);
        relay.sweep();

        assertThat(capture.nextEventFor(id, 10_000)).as("published once the broker takes it").isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ? and published_at is not null",
                Integer.class, orderId) == 1);
    }

    @Test
    void onlyOneSweepCanClaimADueEventSoTwoInstancesDoNotPublishItAtOnce() throws Exception {
        String id = TestOrders.place(mvc);
        UUID eventId = jdbc.queryForObject("select event_id from outbox_events where aggregate_id = ?", UUID.class,
                UUID.fromString(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxEvents.findById(eventId).orElseThrow()
                .publishedAt() != null);
        Instant past = Instant.now().minusSeconds(60);
        jdbc.update("update outbox_events set published_at = null, next_attempt_at = ? where event_id = ?",
                Timestamp.from(past), eventId);
        Instant now = Instant.now();

        int first = outboxEvents.claim(eventId, now, now.plusSeconds(30));
        int second = outboxEvents.claim(eventId, now, now.plusSeconds(30));

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        jdbc.update("update outbox_events set published_at = ? where event_id = ?", Timestamp.from(now),
                eventId);
    }
}
