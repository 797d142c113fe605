package com.ecomnow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.ecomnow.messaging.event.EventHeaders;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

/**
 * order-api end to end on its side of the broker: an accepted order is stored and exactly one
 * {@code order.created} reaches a queue bound to the real exchange; every rejected request is problem+json and
 * stores and publishes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
class OrderApiTest {

    private static final String VALID = """
            {"customerEmail":"jane@example.com","paymentToken":"tok_visa",
             "items":[{"sku":"BOOK-001","quantity":2},{"sku":"PEN-001","quantity":1}]}""";

    @TestConfiguration(proxyBeanMethods = false)
    static class CaptureQueue {

        /** Stands in for a consumer: bound to the test's own order_events exchange. */
        @Bean
        Queue captureQueue(TopologyNames names) {
            return QueueBuilder.durable(names.queue("capture")).build();
        }

        @Bean
        Binding captureBinding(Queue captureQueue, FanoutExchange orderEventsExchange) {
            return BindingBuilder.bind(captureQueue).to(orderEventsExchange);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopologyNames names;

    @Autowired
    OrderEventMessages messages;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    com.ecomnow.order.outbox.OutboxEventRepository outboxEvents;

    @Autowired
    com.ecomnow.order.catalog.ProductCatalog catalog;

    @Test
    void republishingSendsTheSameEventAgainAndAnUnknownOrderIs404() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated()).andReturn();
        String id = com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        Message first = receiveEventFor(id, 10_000);
        assertThat(first).isNotNull();

        mvc.perform(post("/admin/outbox/republish").param("orderId", id))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.orderId").value(id))
                .andExpect(jsonPath("$.eventId").value(first.getMessageProperties().getMessageId()));

        Message again = receiveEventFor(id, 10_000);
        assertThat(again).as("the republished copy").isNotNull();
        assertThat(again.getMessageProperties().getMessageId()).isEqualTo(first.getMessageProperties().getMessageId());
        assertThat(again.getBody()).isEqualTo(first.getBody());
        mvc.perform(post("/admin/outbox/republish").param("orderId", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anAcceptedOrderIsStoredAndPublishedExactlyOnce() throws Exception {
        MvcResult result = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "trace-abc-123").content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("X-Correlation-Id", "trace-abc-123"))
                .andExpect(jsonPath("$.customerEmail").value("jane@example.com"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].unitPrice").value(42.50))
                .andExpect(jsonPath("$.totalAmount").value(103.00))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andReturn();
        String id = com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/orders/" + id);

        Message message = receiveEventFor(id, 10_000);
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

        assertThat(receiveEventFor(id, 1_000)).as("a second copy").isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ? and published_at is not null",
                Integer.class, UUID.fromString(id)) == 1);

        mvc.perform(get("/orders/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.items[1].sku").value("PEN-001"));
    }

    static Stream<Arguments> rejectedRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"customerEmail\":", 400, "Malformed request"),
                Arguments.of("wrong type", VALID.replace("\"quantity\":2", "\"quantity\":\"two\""), 400,
                        "items[0].quantity"),
                Arguments.of("empty body", "", 400, "Malformed request"),
                Arguments.of("missing fields", "{}", 400, "customerEmail"),
                Arguments.of("no items", VALID.replaceAll("\"items\":\\[.*\\]", "\"items\":[]"), 400, "items"),
                Arguments.of("zero quantity", VALID.replace("\"quantity\":2", "\"quantity\":0"), 400,
                        "items[0].quantity"),
                Arguments.of("negative quantity", VALID.replace("\"quantity\":2", "\"quantity\":-3"), 400,
                        "items[0].quantity"),
                Arguments.of("quantity over 100", VALID.replace("\"quantity\":2", "\"quantity\":101"), 400,
                        "items[0].quantity"),
                Arguments.of("huge quantity", VALID.replace("\"quantity\":2", "\"quantity\":99999999999"), 400,
                        "items[0].quantity"),
                Arguments.of("more than 50 lines", tooManyLines(), 400, "items"),
                Arguments.of("invalid email", VALID.replace("jane@example.com", "not-an-email"), 400,
                        "customerEmail"),
                Arguments.of("missing payment token", VALID.replace("\"paymentToken\":\"tok_visa\",", ""), 400,
                        "paymentToken"),
                Arguments.of("unknown SKU", VALID.replace("PEN-001", "NOPE-404"), 422, "NOPE-404"),
                Arguments.of("declined payment", VALID.replace("tok_visa", "tok_declined"), 402, "declined"),
                Arguments.of("body over 1 MiB", VALID.replace("\"paymentToken\"",
                        "\"padding\":\"" + "x".repeat(1024 * 1024) + "\",\"paymentToken\""), 413, "larger than"),
                Arguments.of("not an object", "[1,2,3]", 400, "Malformed request"),
                Arguments.of("null item", VALID.replaceAll("\"items\":\\[.*\\]", "\"items\":[null]"), 400, "items[0]"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejectedRequests")
    void aRejectedRequestIsProblemJsonAndStoresAndPublishesNothing(String name, String body, int status,
            String mentioned) throws Exception {
        int ordersBefore = count("orders");
        int eventsBefore = count("outbox_events");

        String problem = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(problem).contains(mentioned);
        assertThat(count("orders")).isEqualTo(ordersBefore);
        assertThat(count("outbox_events")).isEqualTo(eventsBefore);
        assertThat(count("outbox_events")).as("nothing to publish, now or later").isEqualTo(eventsBefore);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheOriginalOrderAndCreateNothing() throws Exception {
        String key = "key-" + UUID.randomUUID();
        int ordersBefore = count("orders");

        String first = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andReturn().getResponse().getContentAsString();
        String second = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();

        String id = com.jayway.jsonpath.JsonPath.read(first, "$.id");
        assertThat((String) com.jayway.jsonpath.JsonPath.read(second, "$.id")).isEqualTo(id);
        assertThat(count("orders")).isEqualTo(ordersBefore + 1);
        assertThat(count("outbox_events")).isEqualTo(count("orders"));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIs422() throws Exception {
        String key = "key-" + UUID.randomUUID();
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(VALID)).andExpect(status().isCreated());
        int ordersBefore = count("orders");

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(VALID.replace("\"quantity\":2", "\"quantity\":3")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Idempotency-Key reused"));
        assertThat(count("orders")).isEqualTo(ordersBefore);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneOrder() throws Exception {
        String key = "key-" + UUID.randomUUID();
        int ordersBefore = count("orders");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key).content(VALID))
                        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(com.jayway.jsonpath.JsonPath.read(answer.get(30, TimeUnit.SECONDS), "$.id"));
            }
            assertThat(ids).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count("orders")).isEqualTo(ordersBefore + 1);
    }

    @Test
    void aFailedRequestReleasesItsIdempotencyKey() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String declined = VALID.replace("tok_visa", "tok_declined");
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(declined)).andExpect(status().isPaymentRequired());

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .content(VALID)).andExpect(status().isCreated());
    }

    @Test
    void anEventWhoseRelayCrashedBeforeMarkingItIsPublishedAgainWithTheSameEventId() throws Exception {
        String id = placeOrder();
        Message first = receiveEventFor(id, 10_000);
        assertThat(first).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ? and published_at is not null",
                Integer.class, UUID.fromString(id)) == 1);

        // The state a crash between the broker's confirm and the update leaves behind.
        jdbc.update("update outbox_events set published_at = null where aggregate_id = ?", UUID.fromString(id));

        Message again = receiveEventFor(id, 15_000);
        assertThat(again).as("republished by the sweep").isNotNull();
        assertThat(again.getMessageProperties().getMessageId()).isEqualTo(first.getMessageProperties().getMessageId());
        assertThat(messages.read(again).orderId()).hasToString(id);
    }

    @Test
    void onlyOneSweepCanClaimADueEventSoTwoInstancesDoNotPublishItAtOnce() throws Exception {
        String id = placeOrder();
        UUID eventId = jdbc.queryForObject("select event_id from outbox_events where aggregate_id = ?", UUID.class,
                UUID.fromString(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxEvents.findById(eventId).orElseThrow()
                .publishedAt() != null);
        Instant past = Instant.now().minusSeconds(60);
        jdbc.update("update outbox_events set published_at = null, next_attempt_at = ? where event_id = ?",
                java.sql.Timestamp.from(past), eventId);
        Instant now = Instant.now();

        int first = outboxEvents.claim(eventId, now, now.plusSeconds(30));
        int second = outboxEvents.claim(eventId, now, now.plusSeconds(30));

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        jdbc.update("update outbox_events set published_at = ? where event_id = ?", java.sql.Timestamp.from(now),
                eventId);
    }

    @Test
    void aWrongContentTypeIs415ProblemJson() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.TEXT_PLAIN).content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** The anti-pattern exists only where it is switched on (ecomnow.sync.enabled, the workshop's launchers). */
    @Test
    void theSynchronousEndpointIsNotThereByDefault() throws Exception {
        long before = jdbc.queryForObject("select count(*) from orders", Long.class);
        mvc.perform(post("/sync/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
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
        String first = placeOrder();
        String second = placeOrder();

        mvc.perform(get("/orders").param("page", "0").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders[0].id").value(second))
                .andExpect(jsonPath("$.orders[1].id").value(first))
                .andExpect(jsonPath("$.size").value(2));
    }

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
            jdbc.update("update products set unit_price = ? where sku = 'MUG-001'", new java.math.BigDecimal(before));
            catalog.reload();
        }
    }

    /**
     * The next event for this order on the capture queue, skipping other tests' events (their relay may still be
     * publishing when this test starts).
     */
    private Message receiveEventFor(String orderId, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(names.queue("capture"), Math.max(1, deadline - System.currentTimeMillis()));
            if (message != null && messages.read(message).orderId().toString().equals(orderId)) {
                return message;
            }
        }
        return null;
    }

    private String placeOrder() throws Exception {
        String body = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return com.jayway.jsonpath.JsonPath.read(body, "$.id");
    }

    private int count(String table) {
        Integer count = jdbc.queryForObject("select count(*) from " + table, Integer.class);
        return count == null ? 0 : count;
    }

    private static String tooManyLines() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"PEN-001\",\"quantity\":1}");
        }
        return VALID.replaceAll("\"items\":\\[.*\\]", "\"items\":[" + items + "]");
    }
}
