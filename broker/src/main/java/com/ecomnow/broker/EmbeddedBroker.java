package com.ecomnow.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An Apache Qpid Broker-J instance speaking AMQP 0-9-1, started in this JVM.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = new EmbeddedBroker(BrokerOptions.forTests()).start()) {
 *     int port = broker.port();
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(15);
    /** A class of qpid-broker-plugins-management-http, an optional dependency of this module. */
    private static final String MANAGEMENT_PLUGIN_CLASS = "org.apache.qpid.server.management.plugin.HttpManagement";

    static {
        // Qpid routes Derby's own log to slf4j, but only after its availability check has already booted
        // Derby, which then writes derby.log into the working directory. Setting it first avoids that file.
        System.getProperties().putIfAbsent("derby.stream.error.method",
                "org.apache.qpid.server.store.derby.DerbyUtils.getDerbyLogWriter");
    }

    private final BrokerOptions options;
    private SystemLauncher launcher;
    private Path workDir;
    private int port = -1;
    private int managementPort = -1;

    public EmbeddedBroker(BrokerOptions options) {
        this.options = options;
    }

    /** Starts the broker and returns once its AMQP port accepts connections. */
    public synchronized EmbeddedBroker start() {
        if (launcher != null) {
            throw new IllegalStateException("Broker already started");
        }
        if (options.management().enabled()) {
            requireManagementPlugin();
        }
        try {
            workDir = createWorkDir();
            Path configFile = writeConfigFile();
            StartupListener listener = new StartupListener();
            launcher = new SystemLauncher(listener);
            try {
                launcher.startup(systemConfigAttributes(configFile));
            } finally {
                // Holds the password in clear; Qpid has read it into its in-memory configuration by now.
                Files.deleteIfExists(configFile);
            }
            Broker<?> broker = listener.resolvedBroker();
            port = boundPort(broker, InitialConfiguration.AMQP_PORT, "AMQP port");
            if (options.management().enabled()) {
                managementPort = boundPort(broker, InitialConfiguration.HTTP_PORT, "HTTP management port");
            }
            awaitAcceptingConnections(port);
            if (managementPort > 0) {
                awaitAcceptingConnections(managementPort);
            }
            return this;
        } catch (Exception e) {
            close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException("Broker failed to start", e);
        }
    }

    /** The port the broker actually listens on (resolves port 0). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("Broker not started");
        }
        return port;
    }

    /** Host name clients should connect to. */
    public String host() {
        return connectHost(options.bindAddress());
    }

    /**
     * The port the HTTP management (web UI, REST API) listens on (resolves port 0).
     *
     * @throws IllegalStateException if the broker is not running or has no management
     */
    public synchronized int managementPort() {
        if (managementPort < 0) {
            throw new IllegalStateException(launcher == null ? "Broker not started" : "Broker has no HTTP management");
        }
        return managementPort;
    }

    /** {@code http://<host>:<port>/} of the web UI, or empty if management is off or the broker is not running. */
    public synchronized Optional<URI> managementUri() {
        return managementPort < 0 ? Optional.empty()
                : Optional.of(URI.create("http://" + host() + ":" + managementPort + "/"));
    }

    static String connectHost(String bindAddress) {
        return bindAddress.equals("*") || bindAddress.equals("0.0.0.0") || bindAddress.equals("::")
                ? "127.0.0.1" : bindAddress;
    }

    public BrokerOptions options() {
        return options;
    }

    public String username() {
        return options.username();
    }

    public String password() {
        return options.password();
    }

    /** Name of the broker's only virtual host; clients asking for "/" get it too. */
    public String virtualHost() {
        return InitialConfiguration.VIRTUAL_HOST;
    }

    public synchronized boolean isRunning() {
        return launcher != null && port >= 0;
    }

    @Override
    public synchronized void close() {
        if (launcher != null) {
            try {
                launcher.shutdown();
            } finally {
                launcher = null;
                port = -1;
                managementPort = -1;
                if (options.store() == BrokerStore.MEMORY) {
                    TempDirectories.deleteQuietly(workDir);
                }
            }
        }
    }

    private Path createWorkDir() throws IOException {
        if (options.store() == BrokerStore.MEMORY) {
            return Files.createTempDirectory("ecomnow-broker-");
        }
        return Files.createDirectories(options.brokerDir().resolve("work").toAbsolutePath());
    }

    private Path writeConfigFile() throws IOException {
        Path configFile = workDir.resolve("initial-config.json");
        Files.deleteIfExists(configFile);
        Files.createFile(configFile, TempDirectories.ownerOnly());
        Files.writeString(configFile, InitialConfiguration.json(options), StandardCharsets.US_ASCII);
        return configFile;
    }

    private Map<String, Object> systemConfigAttributes(Path configFile) throws IOException {
        // Qpid's default is "classpath:system.properties", which fails with "unknown protocol: classpath"
        // when running from a fat jar; an empty real file avoids the lookup.
        Path systemProperties = workDir.resolve("system.properties");
        if (!Files.exists(systemProperties)) {
            Files.createFile(systemProperties);
        }
        Map<String, Object> attributes = new HashMap<>();
        // The broker-level configuration lives in memory and is regenerated on every start, so changed
        // options always apply. Durable queues and messages live in the virtual host node (Derby or memory).
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, configFile.toUri().toString());
        attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
        attributes.put(SystemConfig.CONTEXT, Map.of(
                SystemConfig.PROPERTY_QPID_WORK, workDir.toString(),
                SystemConfig.QPID_WORK_DIR, workDir.toString()));
        return attributes;
    }

    private static void requireManagementPlugin() {
        try {
            Class.forName(MANAGEMENT_PLUGIN_CLASS, false, EmbeddedBroker.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("HTTP management needs org.apache.qpid:qpid-broker-plugins-management-http"
                    + " on the classpath (an optional dependency of the broker module; the runnable jar has it)", e);
        }
    }

    private static int boundPort(Broker<?> broker, String name, String description) {
        Port<?> port = broker.getChildren(Port.class).stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Broker has no " + description));
        // Qpid only logs a failed bind and leaves the port in state ERRORED.
        if (port.getState() != State.ACTIVE || port.getBoundPort() <= 0) {
            throw new IllegalStateException(description + " " + port.getPort() + " did not open (state "
                    + port.getState() + "); is the port already in use?");
        }
        return port.getBoundPort();
    }

    private void awaitAcceptingConnections(int port) {
        long deadline = System.nanoTime() + ACCEPT_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host(), port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("Broker port " + port + " does not accept connections", e);
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        }
    }

    /** SystemLauncher.startup() swallows startup failures; this listener keeps them so start() can throw. */
    private static final class StartupListener extends SystemLauncherListener.DefaultSystemLauncherListener {
        private final AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        @Override
        public void onContainerResolve(SystemConfig<?> config) {
            systemConfig.set(config);
        }

        @Override
        public void errorOnStartup(RuntimeException e) {
            failure.set(e);
        }

        Broker<?> resolvedBroker() {
            if (failure.get() != null) {
                throw new IllegalStateException("Broker failed to start: " + failure.get().getMessage(), failure.get());
            }
            SystemConfig<?> config = systemConfig.get();
            Broker<?> broker = config == null ? null : (Broker<?>) config.getContainer(Broker.class);
            if (broker == null || broker.getState() != State.ACTIVE) {
                throw new IllegalStateException("Broker did not become active"
                        + (broker == null ? "" : " (state " + broker.getState() + ")"));
            }
            return broker;
        }
    }
}
