package com.ecomnow.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * What every simulation sends: realistic order bodies (random catalog SKUs, 1 to 5 lines, quantities 1 to 3, a unique
 * customer email, {@code tok_visa}), the HTTP protocol, and the record of the orders the system accepted.
 */
final class OrderTraffic {

    static final int MAX_LINES = 5;
    static final int MAX_QUANTITY = 3;

    /** Filled in {@code before()}, from {@code GET /products}; read by the feeder only once the run has started. */
    private volatile List<String> skus = List.of();

    final AcceptedOrders accepted = new AcceptedOrders();

    /** Fetches the catalog once, before the run. */
    void loadCatalog(SystemClient system) {
        skus = List.copyOf(system.catalogSkus());
        System.out.println("[load-test] catalog: " + skus.size() + " SKUs " + skus);
    }

    /**
     * By default each virtual user (one customer, one order) opens its own connection, as customers' browsers
     * would. {@code -DshareConnections=true} sends every order over one shared keep-alive pool instead, as an API
     * gateway or load balancer in front of order-api would: it measures the service without the cost of a TCP
     * connection per order on both sides.
     */
    static HttpProtocolBuilder protocol(String baseUrl) {
        HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("ecomnow-load-test (Gatling)")
                // Gatling would otherwise first call https://gatling.io to warm up its HTTP stack.
                .disableWarmUp();
        return LoadTestConfig.bool("shareConnections", false) ? protocol.shareConnections() : protocol;
    }

    /** An endless feeder: one fresh order per virtual user. */
    Iterator<Map<String, Object>> feeder() {
        return Stream.generate(this::nextOrder).iterator();
    }

    /**
     * POST one order as a request named {@code requestName}; checks 201 and a {@code Location} header, saves the order
     * id, and records every 201 in {@link #accepted}.
     */
    ChainBuilder placeOrder(String requestName, String path) {
        return placeOrder(requestName, path, null);
    }

    /** As {@link #placeOrder(String, String)}, with an {@code Authorization} header when it is not null. */
    ChainBuilder placeOrder(String requestName, String path, String authorization) {
        var request = http(requestName).post(path);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return exec(request
                        .header("X-Correlation-Id", "#{correlationId}")
                        .body(StringBody("#{body}"))
                        .check(
                                status().saveAs("status"),
                                // 503 order-outcome-unknown: the order may exist, as for a request never answered.
                                regex("\"type\"\\s*:\\s*\"[^\"]*/order-outcome-unknown\"").optional()
                                        .saveAs("outcomeUnknown"),
                                status().is(201),
                                header("Location").exists().saveAs("location"),
                                jsonPath("$.id").saveAs("orderId"),
                                jsonPath("$.createdAt").optional().saveAs("createdAt")))
                .exec(this::recordIfAccepted);
    }

    private Session recordIfAccepted(Session session) {
        if (session.contains("status") && session.getInt("status") == 201) {
            String orderId = session.contains("orderId") ? session.getString("orderId") : idFromLocation(session);
            String createdAt = session.contains("createdAt") ? session.getString("createdAt") : null;
            Map<String, Integer> lines = session.get("lines");
            accepted.add(orderId, createdAt, lines);
        } else if (!session.contains("status") || session.contains("outcomeUnknown")) {
            accepted.addUnanswered(session.get("lines"));
        }
        return session;
    }

    private static String idFromLocation(Session session) {
        if (!session.contains("location")) {
            return null;
        }
        String location = session.getString("location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Map<String, Object> nextOrder() {
        List<String> catalog = skus;
        if (catalog.isEmpty()) {
            throw new IllegalStateException("catalog not loaded: before() must call loadCatalog()");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> shuffled = new ArrayList<>(catalog);
        Collections.shuffle(shuffled, random);
        int lineCount = 1 + random.nextInt(Math.min(MAX_LINES, shuffled.size()));

        Map<String, Integer> lines = new LinkedHashMap<>();
        ObjectNode body = SystemClient.JSON.createObjectNode();
        body.put("customerEmail", "load-" + UUID.randomUUID() + "@example.com");
        ArrayNode items = body.putArray("items");
        for (String sku : shuffled.subList(0, lineCount)) {
            int quantity = 1 + random.nextInt(MAX_QUANTITY);
            lines.put(sku, quantity);
            items.addObject().put("sku", sku).put("quantity", quantity);
        }
        body.put("paymentToken", "tok_visa");
        try {
            return Map.of(
                    "body", SystemClient.JSON.writeValueAsString(body),
                    "lines", Collections.unmodifiableMap(lines),
                    "correlationId", "load-" + UUID.randomUUID());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
