package com.ecomnow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as separate processes: a broker (the environment's, or the embedded broker jar on a free port
 * with a durable store) and the four services on free ports, sharing a fresh data directory and a namespace of
 * their own. Closing it stops every process it started, whatever happened.
 */
final class LocalSystem implements AutoCloseable {

    static final String ORDER_API = "order-api";
    static final String EMAIL = "email-service";
    static final String INVENTORY = "inventory-service";
    static final String ANALYTICS = "analytics-service";
    private static final Map<String, String> PORT_VARIABLES = Map.of(ORDER_API, "ORDER_API_PORT", EMAIL,
            "EMAIL_SERVICE_PORT", INVENTORY, "INVENTORY_SERVICE_PORT", ANALYTICS, "ANALYTICS_SERVICE_PORT");

    private static final Path ROOT = Path.of(System.getProperty("ecomnow.root", ".."));
    private static final String VERSION = System.getProperty("ecomnow.version", "1.0.0-SNAPSHOT");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Path dataDir;
    private final String namespace = "sys-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, JavaProcess> services = new LinkedHashMap<>();
    private final Map<String, String> brokerEnvironment = new HashMap<>();
    private JavaProcess broker;
    private CachingConnectionFactory amqp;

    private LocalSystem(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Uses the broker named by SPRING_RABBITMQ_HOST when there is one, unless an own broker is required. */
    static LocalSystem start(boolean ownBroker) {
        LocalSystem system;
        try {
            system = new LocalSystem(Files.createTempDirectory("ecomnow-system-"));
            System.out.println("[ecomnow-system] data and process logs: " + system.dataDir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try {
            String host = System.getenv("SPRING_RABBITMQ_HOST");
            if (host != null && !ownBroker) {
                system.brokerEnvironment.put("SPRING_RABBITMQ_HOST", host);
                system.brokerEnvironment.put("SPRING_RABBITMQ_PORT", env("SPRING_RABBITMQ_PORT", "5672"));
                system.brokerEnvironment.put("SPRING_RABBITMQ_USERNAME", env("SPRING_RABBITMQ_USERNAME", "guest"));
                system.brokerEnvironment.put("SPRING_RABBITMQ_PASSWORD", env("SPRING_RABBITMQ_PASSWORD", "guest"));
            }
            else {
                system.brokerEnvironment.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
                system.brokerEnvironment.put("SPRING_RABBITMQ_PORT", String.valueOf(freePort()));
                system.startBroker();
            }
            for (String service : List.of(ORDER_API, EMAIL, INVENTORY, ANALYTICS)) {
                system.ports.put(service, freePort());
            }
            system.ports.keySet().forEach(system::startService);
            for (String service : system.services.keySet()) {
                system.awaitHealthy(service);
            }
            return system;
        }
        catch (RuntimeException | Error failure) {
            system.close();
            throw failure;
        }
    }

    void startBroker() {
        Map<String, String> environment = Map.of("ECOMNOW_BROKER_PORT", brokerEnvironment.get("SPRING_RABBITMQ_PORT"),
                "ECOMNOW_BROKER_STORE", "derby", "ECOMNOW_DATA_DIR", dataDir.toString());
        broker = new JavaProcess("broker", ROOT.resolve("broker/target/ecomnow-broker.jar"), environment, dataDir)
                .start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (!portAnswers(Integer.parseInt(brokerEnvironment.get("SPRING_RABBITMQ_PORT")))) {
            if (!broker.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The embedded broker did not start:\n" + broker.logTail(30));
            }
            sleep(200);
        }
    }

    /** Stops the embedded broker gracefully (its durable store is kept). */
    void stopBroker() {
        broker.stop();
        if (amqp != null) {
            amqp.resetConnection();
        }
    }

    void startService(String service) {
        Map<String, String> environment = new HashMap<>(brokerEnvironment);
        environment.put("ECOMNOW_DATA_DIR", dataDir.toString());
        environment.put("ECOMNOW_MESSAGING_NAMESPACE", namespace);
        environment.put(PORT_VARIABLES.get(service), String.valueOf(ports.get(service)));
        // A fast sweep makes recovery after a broker outage quick to observe.
        environment.put("ECOMNOW_OUTBOX_SWEEP_INTERVAL", "1s");
        environment.put("ECOMNOW_SYNC_ENABLED", "true");
        // Where order-api's synchronous anti-pattern (POST /sync/orders) finds the consumers.
        environment.put("ECOMNOW_SYNC_EMAIL_URL", "http://127.0.0.1:" + ports.get(EMAIL));
        environment.put("ECOMNOW_SYNC_INVENTORY_URL", "http://127.0.0.1:" + ports.get(INVENTORY));
        environment.put("ECOMNOW_SYNC_ANALYTICS_URL", "http://127.0.0.1:" + ports.get(ANALYTICS));
        JavaProcess process = new JavaProcess(service,
                ROOT.resolve(service).resolve("target").resolve(service + "-" + VERSION + ".jar"), environment,
                dataDir).start();
        services.put(service, process);
    }

    void awaitHealthy(String service) {
        Instant deadline = Instant.now().plusSeconds(180);
        while (true) {
            try {
                HttpResponse<String> health = get(service, "/actuator/health");
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            }
            catch (UncheckedIOException notYet) {
                // not listening yet
            }
            if (!services.get(service).isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service + " did not become healthy:\n" + services.get(service)
                        .logTail(40));
            }
            sleep(500);
        }
    }

    JavaProcess service(String name) {
        return services.get(name);
    }

    String namespace() {
        return namespace;
    }

    HttpResponse<String> get(String service, String path) {
        return send(HttpRequest.newBuilder(uri(service, path)).GET().build());
    }

    HttpResponse<String> postJson(String service, String path, String body) {
        return send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode getJson(String service, String path) {
        HttpResponse<String> response = get(service, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on " + service + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    JsonNode readJson(String body) {
        return json.readTree(body);
    }

    /** A template on the system's broker, for what only the broker can show (dead-letter queues). */
    RabbitTemplate rabbit() {
        if (amqp == null) {
            amqp = new CachingConnectionFactory(brokerEnvironment.get("SPRING_RABBITMQ_HOST"),
                    Integer.parseInt(brokerEnvironment.get("SPRING_RABBITMQ_PORT")));
            amqp.setUsername(brokerEnvironment.getOrDefault("SPRING_RABBITMQ_USERNAME", "guest"));
            amqp.setPassword(brokerEnvironment.getOrDefault("SPRING_RABBITMQ_PASSWORD", "guest"));
        }
        return new RabbitTemplate(amqp);
    }

    @Override
    public void close() {
        // Services first (they would declare their queues again), then the topology, then the broker.
        List<JavaProcess> all = new ArrayList<>(services.values());
        all.forEach(JavaProcess::stop);
        if (broker == null) {
            deleteNamespacedTopology();
        }
        if (amqp != null) {
            amqp.destroy();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /** On a shared broker, leave nothing behind (an own broker's store is deleted with the data directory). */
    private void deleteNamespacedTopology() {
        try {
            RabbitTemplate template = rabbit();
            for (String queue : List.of("email_queue", "inventory_queue", "analytics_queue")) {
                String name = namespace + "." + queue;
                template.execute(channel -> {
                    for (String retry : List.of("1000ms", "5000ms", "25000ms")) {
                        channel.queueDelete(name + ".retry." + retry);
                    }
                    channel.queueDelete(name);
                    channel.queueDelete(name + ".dlq");
                    channel.exchangeDelete(name + ".dlx");
                    channel.exchangeDelete(name + ".retry");
                    return null;
                });
            }
            template.execute(channel -> channel.exchangeDelete(namespace + ".order_events"));
        }
        catch (RuntimeException brokerGone) {
            // nothing left to clean
        }
    }

    private URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static boolean portAnswers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException closed) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
