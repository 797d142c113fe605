package com.ecomnow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEvents;
import com.ecomnow.messaging.event.OrderLineItem;
import com.ecomnow.messaging.event.TestConsumerMetrics;
import com.ecomnow.messaging.event.TestEventPublisher;
import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;

@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
@Import(TestEventPublisher.class)
class AnalyticsServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    TopologyNames names;

    @Autowired
    TestEventPublisher events;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @Test
    void recordsOneFactPerOrderAndSummarisesThem() throws Exception {
        // The same line twice is allowed in an order; both lines must be recorded.
        OrderCreated first = OrderEvents.orderCreated(line("BOOK-001", 1, "42.50"), line("BOOK-001", 1, "42.50"),
                line("PEN-001", 1, "18.00"));
        OrderCreated second = OrderEvents.orderCreated(line("PEN-001", 4, "18.00"));
        double duplicatesBefore = duplicates();

        events.publish(first);
        events.publish(second);
        events.publish(first); // redelivered: must not count twice

        await().atMost(WAIT).until(() -> facts() == 2 && duplicates() == duplicatesBefore + 1);
        assertThat(facts()).isEqualTo(2);
        mvc.perform(get("/analytics/summary")).andExpect(status().isOk())
                .andExpect(jsonPath("$.orders").value(2))
                .andExpect(jsonPath("$.revenue").value(175.00))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.itemsSold").value(7))
                .andExpect(jsonPath("$.topProducts[0].sku").value("PEN-001"))
                .andExpect(jsonPath("$.topProducts[0].quantity").value(5))
                .andExpect(jsonPath("$.topProducts[1].sku").value("BOOK-001"))
                .andExpect(jsonPath("$.lagMillis.p50").isNumber())
                .andExpect(jsonPath("$.lagMillis.p99").isNumber());
    }

    @Test
    void theInboxSaysWhichEventsWereProcessedHereAndWhen() throws Exception {
        OrderCreated event = OrderEvents.orderCreated(line("NOTE-001", 1, "9.90"));
        events.publish(event);

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/admin/inbox/" + event.eventId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventId").value(event.eventId().toString()))
                .andExpect(jsonPath("$.processedAt").isString()));
        mvc.perform(get("/admin/inbox/" + java.util.UUID.randomUUID())).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("has not been processed")));
    }

    private static OrderLineItem line(String sku, int quantity, String price) {
        return new OrderLineItem(sku, sku, quantity, new BigDecimal(price));
    }

    private double duplicates() {
        return TestConsumerMetrics.count(meters, names.queue("analytics_queue"), "duplicate");
    }

    private int facts() {
        return jdbc.queryForObject("select count(*) from order_facts", Integer.class);
    }
}
