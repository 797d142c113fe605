package com.ecomnow.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedBroker}. Start from {@link #defaults()} and adjust with the {@code with*} methods.
 *
 * @param port        AMQP port; 0 picks a random free port
 * @param bindAddress address the AMQP port listens on
 * @param username    the single user the broker accepts
 * @param password    that user's password
 * @param store       DERBY keeps messages across restarts, MEMORY does not
 * @param dataDir     DERBY keeps its files in {@code <dataDir>/broker}; unused for MEMORY
 * @param management  the HTTP management (web UI, REST API) on the same bind address, with its own user
 */
public record BrokerOptions(int port, String bindAddress, String username, String password,
                            BrokerStore store, Path dataDir, ManagementOptions management) {

    public static final int DEFAULT_PORT = 5672;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_USERNAME = "guest";
    public static final String DEFAULT_PASSWORD = "guest";
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public BrokerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(management, "management");
    }

    /** Options with {@link ManagementOptions#defaults()}: management only starts once it has a password. */
    public BrokerOptions(int port, String bindAddress, String username, String password,
                         BrokerStore store, Path dataDir) {
        this(port, bindAddress, username, password, store, dataDir, ManagementOptions.defaults());
    }

    /**
     * 127.0.0.1:5672, guest/guest, Derby store under ./data/broker. HTTP management on port 15672 as user admin,
     * but only once a management password is set ({@link #withManagement}).
     */
    public static BrokerOptions defaults() {
        return new BrokerOptions(DEFAULT_PORT, DEFAULT_BIND_ADDRESS, DEFAULT_USERNAME, DEFAULT_PASSWORD,
                BrokerStore.DERBY, DEFAULT_DATA_DIR, ManagementOptions.defaults());
    }

    /** In-memory broker on a random free port, no HTTP management: what tests want. */
    public static BrokerOptions forTests() {
        return defaults().withPort(0).withStore(BrokerStore.MEMORY).withManagement(ManagementOptions.off());
    }

    public BrokerOptions withPort(int newPort) {
        return new BrokerOptions(newPort, bindAddress, username, password, store, dataDir, management);
    }

    public BrokerOptions withBindAddress(String newBindAddress) {
        return new BrokerOptions(port, newBindAddress, username, password, store, dataDir, management);
    }

    public BrokerOptions withCredentials(String newUsername, String newPassword) {
        return new BrokerOptions(port, bindAddress, newUsername, newPassword, store, dataDir, management);
    }

    public BrokerOptions withStore(BrokerStore newStore) {
        return new BrokerOptions(port, bindAddress, username, password, newStore, dataDir, management);
    }

    public BrokerOptions withDataDir(Path newDataDir) {
        return new BrokerOptions(port, bindAddress, username, password, store, newDataDir, management);
    }

    /** E.g. {@code withManagement(new ManagementOptions(0, "admin", "secret"))} or {@link ManagementOptions#off()}. */
    public BrokerOptions withManagement(ManagementOptions newManagement) {
        return new BrokerOptions(port, bindAddress, username, password, store, dataDir, newManagement);
    }

    /** Where the Derby store lives: {@code <dataDir>/broker}. */
    public Path brokerDir() {
        return dataDir.resolve("broker");
    }

    /** Never shows the password, so the options can be logged safely. */
    @Override
    public String toString() {
        return "BrokerOptions[port=" + port + ", bindAddress=" + bindAddress + ", username=" + username
                + ", password=(hidden), store=" + store + ", dataDir=" + dataDir + ", management=" + management + "]";
    }
}
