package com.ecomnow.broker;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.qpid.server.model.BrokerModel;

/**
 * Builds Qpid's initial configuration JSON (broker, AMQP port, user, virtual host) from {@link BrokerOptions}.
 * The broker-level context carries the settings that make Qpid behave enough like RabbitMQ for our clients.
 */
final class InitialConfiguration {

    /** Qpid reads the file with the platform charset, so anything beyond ASCII is escaped. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static final String VIRTUAL_HOST = "ecomnow";
    static final String AMQP_PORT = "AMQP";
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
        broker.put("authenticationproviders", List.of(plainAuthentication(options)));
        broker.put("ports", List.of(amqpPort(options)));
        broker.put("virtualhostnodes", List.of(virtualHostNode(options)));
        return JSON.writeValueAsString(broker);
    }

    private static Map<String, Object> plainAuthentication(BrokerOptions options) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", "plain");
        provider.put("type", "Plain");
        // Qpid offers PLAIN only over TLS by default; the RabbitMQ/Spring AMQP client needs it over plain TCP.
        provider.put("secureOnlyMechanisms", List.of());
        provider.put("users", List.of(Map.of(
                "name", options.username(),
                "password", options.password(),
                "type", "managed")));
        return provider;
    }

    private static Map<String, Object> amqpPort(BrokerOptions options) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", AMQP_PORT);
        port.put("type", "AMQP");
        port.put("port", options.port());
        port.put("bindingAddress", options.bindAddress());
        port.put("authenticationProvider", "plain");
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
