package com.ecomnow.loadtest;

import java.net.URI;

/**
 * Run parameters, all read from system properties ({@code -Dname=value} on the Maven command line; the Gatling Maven
 * plugin passes them on to the forked Gatling JVM).
 */
final class LoadTestConfig {

    private LoadTestConfig() {
    }

    /** order-api, e.g. {@code http://localhost:8080}. */
    static String baseUrl() {
        return trimSlash(string("baseUrl", "http://localhost:8080"));
    }

    /** email-service: {@code -DemailUrl}, else the host of {@code baseUrl} on port 8081. */
    static String emailUrl() {
        return trimSlash(string("emailUrl", sameHost(baseUrl(), 8081)));
    }

    /** inventory-service: {@code -DinventoryUrl}, else the host of {@code baseUrl} on port 8082. */
    static String inventoryUrl() {
        return trimSlash(string("inventoryUrl", sameHost(baseUrl(), 8082)));
    }

    /** analytics-service: {@code -DanalyticsUrl}, else the host of {@code baseUrl} on port 8083. */
    static String analyticsUrl() {
        return trimSlash(string("analyticsUrl", sameHost(baseUrl(), 8083)));
    }

    /**
     * {@code Basic ...} for {@code -DadminUser} (default {@code admin}) and {@code -DadminPassword}, or null without a
     * password: the {@code /sync} endpoints need it when the services listen beyond 127.0.0.1 (docker compose).
     */
    static String adminAuthorization() {
        String password = string("adminPassword", null);
        if (password == null) {
            return null;
        }
        String credentials = string("adminUser", "admin") + ":" + password;
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String string(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static int integer(String name, int defaultValue) {
        String value = string(name, null);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a whole number, got '" + value + "'");
        }
    }

    static double decimal(String name, double defaultValue) {
        String value = string(name, null);
        try {
            return value == null ? defaultValue : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a number, got '" + value + "'");
        }
    }

    static boolean bool(String name, boolean defaultValue) {
        String value = string(name, null);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("-D" + name + " must be greater than 0, got " + value);
        }
        return value;
    }

    private static String sameHost(String baseUrl, int port) {
        URI uri = URI.create(baseUrl);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("-DbaseUrl must be an absolute URL like http://localhost:8080, got '" + baseUrl + "'");
        }
        return uri.getScheme() + "://" + uri.getHost() + ":" + port;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
