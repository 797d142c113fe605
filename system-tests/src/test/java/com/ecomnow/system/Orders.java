package com.ecomnow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** What the system tests do to and ask of a running {@link LocalSystem}. */
final class Orders {

    private Orders() {
    }

    /** Places an order for the given SKU quantities and returns its id. */
    static UUID place(LocalSystem system, Map<String, Integer> quantities) {
        String items = quantities.entrySet().stream()
                .map(line -> "{\"sku\":\"" + line.getKey() + "\",\"quantity\":" + line.getValue() + "}")
                .collect(Collectors.joining(","));
        HttpResponse<String> response = system.postJson(LocalSystem.ORDER_API, "/orders",
                "{\"customerEmail\":\"system-test@example.com\",\"paymentToken\":\"tok_visa\",\"items\":[" + items
                        + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(system.readJson(response.body()).get("id").asString());
    }

    static int emailsFor(LocalSystem system, UUID orderId) {
        return system.getJson(LocalSystem.EMAIL, "/emails?orderId=" + orderId).size();
    }

    static int available(LocalSystem system, String sku) {
        return system.getJson(LocalSystem.INVENTORY, "/inventory/" + sku).get("available").asInt();
    }

    static long analyticsOrders(LocalSystem system) {
        return system.getJson(LocalSystem.ANALYTICS, "/analytics/summary").get("orders").asLong();
    }

    static void publishPoison(LocalSystem system, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setMessageId("poison-" + UUID.randomUUID());
        system.rabbit().send(system.namespace() + ".order_events", "order.created",
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    static Message nextDeadLetter(LocalSystem system, String queue) {
        return system.rabbit().receive(system.namespace() + "." + queue + ".dlq", 20_000);
    }

    static void await(Duration atMost, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + atMost + " waiting for: " + what);
            }
            LocalSystem.sleep(250);
        }
    }
}
