package com.ecomnow.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.order.EventCapture;
import com.ecomnow.order.TestOrders;
import com.ecomnow.testsupport.BrokerIntegrationTest;
import com.jayway.jsonpath.JsonPath;

/**
 * Placing an order against the real database and broker: an accepted order is stored and exactly one
 * {@code order.created} reaches a queue bound to the real exchange; what the service rejects (unknown SKU,
 * declined payment) stores and publishes nothing. What the web layer rejects: RejectedRequestsTest.
 */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
@Import(EventCapture.class)
class OrderPlacementTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventCapture capture;

    @Autowired
    OrderEventMessages messages;

    /** Rejections the service decides, after validation: nothing is stored, nothing will be published. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({ "unknown SKU, NOPE-404, 422, NOPE-404", "declined payment, tok_declined, 402, declined" })
    void aRequestTheServiceRejectsStoresAndPublishesNothing(String name, String replacement, int status,
            String mentioned) throws Exception {
        String body = replacement.startsWith("tok_") ? TestOrders.VALID.replace("tok_visa", replacement)
                : TestOrders.VALID.replace("PEN-001", replacement);
        int ordersBefore = TestOrders.count(jdbc, "orders");
        int eventsBefore = TestOrders.count(jdbc, "outbox_events");

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(mentioned)));

        assertThat(TestOrders.count(jdbc, "orders")).isEqualTo(ordersBefore);
        assertThat(TestOrders.count(jdbc, "outbox_events")).as("nothing to publish, now or later")
                .isEqualTo(eventsBefore);
    }

    @Test
    void anAcceptedOrderIsStoredAndPublishedExactlyOnce() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "trace-abc-123").content(TestOrders.VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("X-Correlation-Id", "trace-abc-123"))
                .andExpect(jsonPath("$.customerEmail").value("jane@example.com"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].unitPrice").value(42.50))
                .andExpect(jsonPath("$.totalAmount").value(103.00))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andReturn();
        String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/orders/" + id);

        Message message = capture.nextEventFor(id, 10_000);
        assertThat(message).as("the order.created event").isNotNull();
        OrderCreated event = messages.read(message);
        assertThat(event.orderId()).hasToString(id);
        assertThat(event.customerEmail()).isEqualTo("jane@example.com");
        assertThat(event.items()).extracting(item -> item.sku() + " x" + item.quantity())
                .containsExactly("BOOK-001 x2", "PEN-001 x1");
        assertThat(event.totalAmount()).isEqualByComparingTo("103.00");
        var properties = message.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(event.eventId().toString());
        assertThat(properties.getType()).isEqualTo("order.created");
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getTimestamp()).isNotNull();
        assertThat(properties.<String>getHeader(EventHeaders.CORRELATION_ID)).isEqualTo("trace-abc-123");
        assertThat(properties.getHeaders()).doesNotContainKey("__TypeId__");

        assertThat(capture.nextEventFor(id, 1_000)).as("a second copy").isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ? and published_at is not null",
                Integer.class, UUID.fromString(id)) == 1);

        mvc.perform(get("/orders/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.items[1].sku").value("PEN-001"));
    }

    /** The anti-pattern exists only where it is switched on (ecomnow.sync.enabled, the workshop's launchers). */
    @Test
    void theSynchronousEndpointIsNotThereByDefault() throws Exception {
        long before = jdbc.queryForObject("select count(*) from orders", Long.class);
        mvc.perform(post("/sync/orders").contentType(MediaType.APPLICATION_JSON).content(TestOrders.VALID))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from orders", Long.class)).isEqualTo(before);
    }

    @Test
    void anUnknownOrderIs404ProblemJson() throws Exception {
        mvc.perform(get("/orders/" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Order not found"));
    }

    @Test
    void ordersAreListedNewestFirst() throws Exception {
        String first = TestOrders.place(mvc);
        String second = TestOrders.place(mvc);

        mvc.perform(get("/orders").param("page", "0").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders[0].id").value(second))
                .andExpect(jsonPath("$.orders[1].id").value(first))
                .andExpect(jsonPath("$.size").value(2));
    }
}
