package com.ecomnow.system;

import static com.ecomnow.system.Orders.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.core.Message;

import tools.jackson.databind.JsonNode;

/**
 * The packaged services as separate processes on one broker (the environment's, else the embedded one): every
 * order reaches every consumer exactly once, also when a consumer is killed mid-stream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderFlowIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    /** A metric name of the services' own (RabbitMQ's start with rabbitmq_) in a PromQL query. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ecomnow|http|jvm|process)_[a-z_]+)\\b");

    static LocalSystem system;

    @BeforeAll
    static void startSystem() {
        system = LocalSystem.start(false);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aHundredOrdersGiveAHundredEmailsTheRightStockAndAHundredFacts() {
        int books = Orders.available(system, "BOOK-002");
        int notebooks = Orders.available(system, "NOTE-001");
        long factsBefore = Orders.analyticsOrders(system);
        List<UUID> orders = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            orders.add(Orders.place(system, Map.of("BOOK-002", 1, "NOTE-001", 1 + i % 3)));
        }

        int notebooksOrdered = 0;
        for (int i = 0; i < 100; i++) {
            notebooksOrdered += 1 + i % 3;
        }
        int expectedNotebooks = notebooks - notebooksOrdered;
        await(CATCH_UP, "100 analytics facts", () -> Orders.analyticsOrders(system) == factsBefore + 100);
        await(CATCH_UP, "stock decremented", () -> Orders.available(system, "BOOK-002") == books - 100
                && Orders.available(system, "NOTE-001") == expectedNotebooks);
        await(CATCH_UP, "an email per order", () -> orders.stream().allMatch(id -> Orders.emailsFor(system, id) >= 1));
        assertThat(orders).allSatisfy(id -> assertThat(Orders.emailsFor(system, id)).isEqualTo(1));
        assertThat(Orders.analyticsOrders(system)).isEqualTo(factsBefore + 100);
        assertThat(Orders.available(system, "BOOK-002")).isEqualTo(books - 100);
        assertThat(Orders.available(system, "NOTE-001")).isEqualTo(expectedNotebooks);
    }

    /**
     * The Grafana dashboard of docker compose may name only metrics the services export (RabbitMQ's are checked
     * in the compose CI run, against a real RabbitMQ). Runs after orders have flowed, so lazily made meters exist.
     */
    @Test
    @Order(2)
    void everyServiceMetricTheDashboardQueriesIsExported() throws Exception {
        String dashboard = Files.readString(Path.of(System.getProperty("ecomnow.root", ".."))
                .resolve("compose/grafana/dashboards/ecomnow.json"));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : system.readJson(dashboard).get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher name = METRIC.matcher(target.get("expr").asString());
                while (name.find()) {
                    queried.add(name.group(1));
                }
            }
        }
        Set<String> exported = new TreeSet<>();
        for (String service : List.of(LocalSystem.ORDER_API, LocalSystem.EMAIL, LocalSystem.INVENTORY,
                LocalSystem.ANALYTICS)) {
            system.get(service, "/actuator/prometheus").body().lines().filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
        }
        assertThat(queried).as("metrics the dashboard queries").isNotEmpty()
                .allSatisfy(metric -> assertThat(exported).as("exported by the services").contains(metric));
    }

    @Test
    @Order(3)
    void emailServiceKilledWhileOrdersKeepComingCatchesUpWithOneEmailPerOrder() {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(Orders.place(system, Map.of("PEN-002", 1)));
        }
        system.service(LocalSystem.EMAIL).kill(); // SIGKILL: whatever it had in flight is unacked
        for (int i = 0; i < 30; i++) {
            orders.add(Orders.place(system, Map.of("PEN-002", 1))); // order-api does not notice
        }

        system.startService(LocalSystem.EMAIL);
        system.awaitHealthy(LocalSystem.EMAIL);

        await(CATCH_UP, "an email for each of 50 orders",
                () -> orders.stream().allMatch(id -> Orders.emailsFor(system, id) >= 1));
        assertThat(orders).allSatisfy(id -> assertThat(Orders.emailsFor(system, id)).isEqualTo(1));
    }

    @Test
    @Order(5)
    void theSynchronousAntiPatternHasDoneEverythingWhenItAnswersAndCountsOnce() {
        long factsBefore = Orders.analyticsOrders(system);
        int lamps = Orders.available(system, "LAMP-001");

        var response = system.postJson(LocalSystem.ORDER_API, "/sync/orders", "{\"customerEmail\":\"sync@example.com\","
                + "\"paymentToken\":\"tok_visa\",\"items\":[{\"sku\":\"LAMP-001\",\"quantity\":1}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        UUID orderId = UUID.fromString(system.readJson(response.body()).get("id").asString());
        // No waiting: the synchronous path answered only after all three services were done.
        assertThat(Orders.emailsFor(system, orderId)).isEqualTo(1);
        assertThat(Orders.analyticsOrders(system)).isEqualTo(factsBefore + 1);
        assertThat(Orders.available(system, "LAMP-001")).isEqualTo(lamps - 1);
        // The same event also arrives through the queue; the inbox makes it a no-op.
        LocalSystem.sleep(3_000);
        assertThat(Orders.emailsFor(system, orderId)).isEqualTo(1);
        assertThat(Orders.analyticsOrders(system)).isEqualTo(factsBefore + 1);
        assertThat(Orders.available(system, "LAMP-001")).isEqualTo(lamps - 1);
    }

    @Test
    @Order(4)
    void aPoisonMessageEndsInEachDeadLetterQueueWithItsReason() {
        Orders.publishPoison(system, "this is not an order");

        for (String queue : List.of("email_queue", "inventory_queue", "analytics_queue")) {
            Message parked = Orders.nextDeadLetter(system, queue);
            assertThat(parked).as(queue + ".dlq").isNotNull();
            assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message"))
                    .startsWith("body is not a valid order.created JSON document");
            assertThat(parked.getMessageProperties().<String>getHeader("x-original-queue"))
                    .isEqualTo(system.namespace() + "." + queue);
        }
        UUID after = Orders.place(system, Map.of("MUG-001", 1));
        await(CATCH_UP, "the next order is processed", () -> Orders.emailsFor(system, after) == 1);
    }
}
