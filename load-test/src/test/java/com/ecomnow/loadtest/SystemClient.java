package com.ecomnow.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP reads of the running system, outside the measured load: the catalog before the run, and the consumers'
 * state before and after it. Only the configured URLs are ever called.
 */
final class SystemClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String emailUrl;
    private final String inventoryUrl;
    private final String analyticsUrl;

    SystemClient(String baseUrl, String emailUrl, String inventoryUrl, String analyticsUrl) {
        this.baseUrl = baseUrl;
        this.emailUrl = emailUrl;
        this.inventoryUrl = inventoryUrl;
        this.analyticsUrl = analyticsUrl;
    }

    static SystemClient fromConfig() {
        return new SystemClient(LoadTestConfig.baseUrl(), LoadTestConfig.emailUrl(), LoadTestConfig.inventoryUrl(),
                LoadTestConfig.analyticsUrl());
    }

    String describe() {
        return "order-api " + baseUrl + ", email " + emailUrl + ", inventory " + inventoryUrl + ", analytics " + analyticsUrl;
    }

    /** {@code GET /products}: the SKUs of the catalog. */
    List<String> catalogSkus() {
        List<String> skus = new ArrayList<>();
        for (JsonNode product : get(baseUrl + "/products")) {
            skus.add(product.path("sku").asText());
        }
        if (skus.isEmpty()) {
            throw new IllegalStateException("GET " + baseUrl + "/products returned no products");
        }
        return skus;
    }

    /** {@code GET /orders?size=1} → {@code totalOrders}: how many orders order-api has stored. */
    long totalOrders() {
        return get(baseUrl + "/orders?page=0&size=1").path("totalOrders").asLong();
    }

    /** {@code GET /analytics/summary}. */
    JsonNode analyticsSummary() {
        return get(analyticsUrl + "/analytics/summary");
    }

    /** {@code GET /inventory}: sku → {available, backordered}. */
    Map<String, long[]> inventory() {
        Map<String, long[]> stock = new LinkedHashMap<>();
        for (JsonNode line : get(inventoryUrl + "/inventory")) {
            stock.put(line.path("sku").asText(), new long[] {line.path("available").asLong(), line.path("backordered").asLong()});
        }
        return stock;
    }

    /** {@code GET /emails?orderId=}: the emails sent for one order. */
    JsonNode emailsFor(String orderId) {
        return get(emailUrl + "/emails?orderId=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8));
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
    }

    private JsonNode get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + url, e);
        }
    }
}
