package com.ecomnow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEventMessages;
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
class InventoryServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopologyNames names;

    @Autowired
    OrderEventMessages messages;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    TestEventPublisher events;

    @BeforeEach
    void publisher() {
        events = new TestEventPublisher(rabbit, names, messages);
    }

    @Test
    void eachOrderLineTakesItsQuantityFromStockOnceEvenWhenRedelivered() {
        int books = available("BOOK-002");
        int mugs = available("MUG-001");
        OrderCreated order = OrderEvents.orderCreated(line("BOOK-002", 3), line("MUG-001", 2));

        double duplicatesBefore = duplicates();

        events.publish(order);
        events.publish(order);

        await().atMost(WAIT).until(() -> movements(order.orderId()) == 2 && duplicates() == duplicatesBefore + 1);
        assertThat(available("BOOK-002")).isEqualTo(books - 3);
        assertThat(available("MUG-001")).isEqualTo(mugs - 2);
        assertThat(movements(order.orderId())).isEqualTo(2);
    }

    @Test
    void aLineTheStockCannotServeIsBackorderedAndStockNeverGoesNegative() throws Exception {
        int lamps = available("LAMP-001");
        OrderCreated order = OrderEvents.orderCreated(line("LAMP-001", lamps + 1));

        events.publish(order);

        await().atMost(WAIT).until(() -> movements(order.orderId()) == 1);
        assertThat(available("LAMP-001")).isEqualTo(lamps);
        mvc.perform(get("/inventory/LAMP-001")).andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(lamps))
                .andExpect(jsonPath("$.backordered").value(lamps + 1));
        mvc.perform(get("/inventory/movements").param("orderId", order.orderId().toString()))
                .andExpect(jsonPath("$[0].outcome").value("BACKORDERED"));
    }

    @Test
    void anOrderWithASkuTheWarehouseDoesNotStockIsParkedWholeWithItsReason() {
        int books = available("BOOK-003");
        OrderCreated order = OrderEvents.orderCreated(line("BOOK-003", 1), line("GHOST-1", 1));

        events.publish(order);

        var parked = events.nextDeadLetter("inventory_queue", WAIT.toMillis());
        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message"))
                .isEqualTo("SKU(s) not stocked by the warehouse: GHOST-1");
        assertThat(available("BOOK-003")).isEqualTo(books);
        assertThat(movements(order.orderId())).isZero();
    }

    @Test
    void anUnknownSkuIs404ProblemJson() throws Exception {
        mvc.perform(get("/inventory/NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static OrderLineItem line(String sku, int quantity) {
        return new OrderLineItem(sku, sku, quantity, new BigDecimal("1.00"));
    }

    private double duplicates() {
        return TestConsumerMetrics.count(meters, names.queue("inventory_queue"), "duplicate");
    }

    private int available(String sku) {
        return jdbc.queryForObject("select available from stock where sku = ?", Integer.class, sku);
    }

    private int movements(UUID orderId) {
        return jdbc.queryForObject("select count(*) from stock_movements where order_id = ?", Integer.class, orderId);
    }
}
