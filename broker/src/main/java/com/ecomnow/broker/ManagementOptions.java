package com.ecomnow.broker;

import java.util.Objects;

/**
 * Qpid's HTTP management (web UI and REST API) of an {@link EmbeddedBroker}. It listens on the broker's bind
 * address and has its own user, separate from the AMQP user. It only starts when it has both a port
 * ({@code >= 0}; 0 picks a random free port) and a password: there is no built-in management password.
 *
 * @param port     HTTP port; 0 picks a random free port, {@link #OFF} (-1) switches management off
 * @param username the management user (cannot connect over AMQP)
 * @param password its password; {@code null} means management does not start
 */
public record ManagementOptions(int port, String username, String password) {

    /** Port value that switches management off. */
    public static final int OFF = -1;
    /** RabbitMQ's management port, so the UI is at the same URL as with docker compose. */
    public static final int DEFAULT_PORT = 15672;
    public static final String DEFAULT_USERNAME = "admin";

    public ManagementOptions {
        if (port < OFF || port > 65535) {
            throw new IllegalArgumentException("management port must be 0..65535 or -1 (off), was " + port);
        }
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("management username must not be blank");
        }
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("management password must not be empty");
        }
    }

    /** Port 15672, user admin, no password: does not start until a password is given. */
    public static ManagementOptions defaults() {
        return new ManagementOptions(DEFAULT_PORT, DEFAULT_USERNAME, null);
    }

    /** Switched off. */
    public static ManagementOptions off() {
        return new ManagementOptions(OFF, DEFAULT_USERNAME, null);
    }

    /** Whether the broker opens the HTTP management port: a port is set and so is a password. */
    public boolean enabled() {
        return port != OFF && password != null;
    }

    public ManagementOptions withPort(int newPort) {
        return new ManagementOptions(newPort, username, password);
    }

    public ManagementOptions withCredentials(String newUsername, String newPassword) {
        return new ManagementOptions(port, newUsername, newPassword);
    }

    /** Never shows the password, so the options can be logged safely. */
    @Override
    public String toString() {
        return "ManagementOptions[port=" + port + ", username=" + username + ", password="
                + (password == null ? "(none)" : "(hidden)") + "]";
    }
}
