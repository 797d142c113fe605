package com.ecomnow.broker;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.qpid.server.model.BrokerModel;

/**
 * Builds Qpid's initial configuration JSON (broker, AMQP port, user, virtual host and, if enabled, the HTTP
 * management port with its own user) from {@link BrokerOptions}.
 * The broker-level context carries the settings that make Qpid behave enough like RabbitMQ for our clients.
 */
final class InitialConfiguration {

    /** Qpid reads the file with the platform charset, so anything beyond ASCII is escaped. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static final String VIRTUAL_HOST = "ecomnow";
    static final String AMQP_PORT = "AMQP";
    static final String HTTP_PORT = "HTTP";
    static final String AMQP_AUTHENTICATION = "plain";
    static final String MANAGEMENT_AUTHENTICATION = "management";
    /** Qpid's plugin type for the web UI and REST API (qpid-broker-plugins-management-http). */
    static final String MANAGEMENT_PLUGIN_TYPE = "MANAGEMENT-HTTP";
    static final String DERBY_STORE_DIR = "derby";

    /** Broker context variables; they are inherited by every virtual host, queue and port. */
    static final Map<String, String> CONTEXT = Map.of(
            // RabbitMQ clients declare queues with x-dead-letter-exchange, x-message-ttl, x-queue-type, ...
            // Qpid's default (FAIL) answers those with 542 and closes the connection.
            "queue.behaviourOnUnknownDeclareArgument", "IGNORE",
            // Same for exchange arguments such as alternate-exchange.
            "exchange.behaviourOnUnknownDeclareArgument", "IGNORE",
            // Expired messages are only removed/routed to the alternate binding when housekeeping runs
            // (default every 30 s); 500 ms makes TTL-based retries usable.
            "virtualhost.housekeepingCheckPeriod", "500",
            // Qpid closes the whole connection for a mandatory unroutable message on a transacted channel
            // without confirms; RabbitMQ returns the message instead.
            "qpid.port.closeWhenNoRoute", "false");

    private InitialConfiguration() {
    }

    static String json(BrokerOptions options) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("name", "ecomnow-broker");
        broker.put("modelVersion", BrokerModel.MODEL_VERSION);
        broker.put("context", CONTEXT);
        if (options.management().enabled()) {
            broker.put("authenticationproviders",
                    List.of(plainAuthentication(options), managementAuthentication(options.management())));
            broker.put("ports", List.of(amqpPort(options), httpPort(options)));
            broker.put("plugins", List.of(httpManagementPlugin()));
        } else {
            broker.put("authenticationproviders", List.of(plainAuthentication(options)));
            broker.put("ports", List.of(amqpPort(options)));
        }
        broker.put("virtualhostnodes", List.of(virtualHostNode(options)));
        return JSON.writeValueAsString(broker);
    }

    private static Map<String, Object> plainAuthentication(BrokerOptions options) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", AMQP_AUTHENTICATION);
        provider.put("type", "Plain");
        // Qpid offers PLAIN only over TLS by default; the RabbitMQ/Spring AMQP client needs it over plain TCP.
        provider.put("secureOnlyMechanisms", List.of());
        provider.put("users", List.of(user(options.username(), options.password())));
        return provider;
    }

    /**
     * The management user lives in a provider of its own that only the HTTP port uses, so it cannot log in over
     * AMQP and the AMQP user cannot log in to the management. Qpid's default secureOnlyMechanisms (PLAIN only
     * over TLS) stays: the web UI's login form then uses SCRAM-SHA-256 over plain HTTP.
     */
    private static Map<String, Object> managementAuthentication(ManagementOptions management) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", MANAGEMENT_AUTHENTICATION);
        provider.put("type", "Plain");
        provider.put("users", List.of(user(management.username(), management.password())));
        return provider;
    }

    private static Map<String, Object> user(String name, String password) {
        return Map.of("name", name, "password", password, "type", "managed");
    }

    /** Same bind address as the AMQP port (127.0.0.1 unless ECOMNOW_BROKER_BIND says otherwise). */
    private static Map<String, Object> httpPort(BrokerOptions options) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", HTTP_PORT);
        port.put("type", "HTTP");
        port.put("port", options.management().port());
        port.put("bindingAddress", options.bindAddress());
        port.put("authenticationProvider", MANAGEMENT_AUTHENTICATION);
        // Qpid refuses "confidential" operations over plain HTTP by default: showing a message's content in the
        // UI (getMessageContent), publishMessage, setting a password. There is no TLS here, and the messages
        // travel over plain AMQP anyway, so allow them as RabbitMQ's UI does.
        port.put("allowConfidentialOperationsOnInsecureChannels", true);
        return port;
    }

    private static Map<String, Object> httpManagementPlugin() {
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("name", "httpManagement");
        plugin.put("type", MANAGEMENT_PLUGIN_TYPE);
        // Qpid accepts HTTP Basic auth (curl -u, scripts) only over HTTPS by default; there is no TLS here.
        plugin.put("httpBasicAuthenticationEnabled", true);
        // The plugin also serves Prometheus metrics on /metrics, by default without authentication; ask for the
        // management user there too, so everything on the management port needs it.
        plugin.put("context", Map.of("qpid.httpManagement.enableMetricContentAuthentication", "true"));
        return plugin;
    }

    private static Map<String, Object> amqpPort(BrokerOptions options) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", AMQP_PORT);
        port.put("type", "AMQP");
        port.put("port", options.port());
        port.put("bindingAddress", options.bindAddress());
        port.put("authenticationProvider", AMQP_AUTHENTICATION);
        // nameAlias: clients asking for vhost "ecomnow"; defaultAlias: clients asking for "/" (Spring's default).
        port.put("virtualhostaliases", List.of(
                Map.of("name", "nameAlias", "type", "nameAlias"),
                Map.of("name", "defaultAlias", "type", "defaultAlias")));
        return port;
    }

    private static Map<String, Object> virtualHostNode(BrokerOptions options) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", VIRTUAL_HOST);
        node.put("defaultVirtualHostNode", "true");
        if (options.store() == BrokerStore.DERBY) {
            node.put("type", "DERBY");
            node.put("storePath", derbyStorePath(options).toString());
            // ProvidedStore: the virtual host keeps its messages in the node's Derby database.
            node.put("virtualHostInitialConfiguration", JSON.writeValueAsString(Map.of("type", "ProvidedStore")));
        } else {
            node.put("type", "Memory");
            node.put("virtualHostInitialConfiguration", JSON.writeValueAsString(Map.of("type", "Memory")));
        }
        return node;
    }

    static Path derbyStorePath(BrokerOptions options) {
        return options.brokerDir().resolve(DERBY_STORE_DIR).toAbsolutePath();
    }
}
