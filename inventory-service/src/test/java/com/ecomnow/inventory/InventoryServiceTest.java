package com.ecomnow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.messaging.consumer.OrderEventHandler;
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
class InventoryServiceTest {

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

    @Autowired
    OrderEventHandler handler;

    @Autowired
    PlatformTransactionManager transactions;


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

    /**
     * Two consumer threads' batch transactions that need the same SKUs in opposite orders, as the consumer's batch
     * path runs them. Locking order by order, each would hold its first SKU and wait for the other's: a deadlock,
     * which H2 breaks by failing one of them (2,900 in one 7-minute benchmark at 400 orders/s before the batch locked up front).
     */
    @Test
    void batchesThatNeedTheSameSkusInOppositeOrdersDoNotDeadlock() throws Exception {
        List<OrderCreated> bookThenPen = List.of(OrderEvents.orderCreated(line("BOOK-001", 1)),
                OrderEvents.orderCreated(line("PEN-001", 1)));
        List<OrderCreated> penThenBook = List.of(OrderEvents.orderCreated(line("PEN-001", 1)),
                OrderEvents.orderCreated(line("BOOK-001", 1)));
        CyclicBarrier firstOrdersHandled = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> batches = threads.invokeAll(List.of(batch(bookThenPen, firstOrdersHandled),
                    batch(penThenBook, firstOrdersHandled)), 60, TimeUnit.SECONDS);
            for (Future<Void> batch : batches) {
                batch.get(); // a deadlock victim's exception surfaces here
            }
        }
        finally {
            threads.shutdownNow();
        }
        for (OrderCreated order : List.of(bookThenPen.get(0), bookThenPen.get(1), penThenBook.get(0),
                penThenBook.get(1))) {
            assertThat(movements(order.orderId())).as("movements of %s", order.orderId()).isEqualTo(1);
        }
    }

    /** One batch transaction: both threads meet after their first order, unless one is waiting for the other. */
    private Callable<Void> batch(List<OrderCreated> orders, CyclicBarrier firstOrdersHandled) {
        return () -> {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                handler.beforeBatch(orders);
                handler.handle(orders.get(0));
                try {
                    firstOrdersHandled.await(2, TimeUnit.SECONDS);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                catch (BrokenBarrierException | TimeoutException otherBatchWaitsForOurLocks) {
                    // expected with the fix: the other batch blocks in beforeBatch until this one commits
                }
                handler.handle(orders.get(1));
            });
            return null;
        };
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
