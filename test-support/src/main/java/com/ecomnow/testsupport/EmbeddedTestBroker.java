package com.ecomnow.testsupport;

import java.util.Map;

import com.ecomnow.broker.EmbeddedBroker;
import com.ecomnow.broker.EmbeddedBrokers;

/** The third choice: the broker module's embedded AMQP broker, started once per JVM on a free port. */
final class EmbeddedTestBroker {

    private EmbeddedTestBroker() {
    }

    static Map<String, Object> connectionProperties() {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        return Map.of(
                "spring.rabbitmq.host", broker.host(),
                "spring.rabbitmq.port", broker.port(),
                "spring.rabbitmq.username", broker.username(),
                "spring.rabbitmq.password", broker.password(),
                "spring.rabbitmq.virtual-host", broker.virtualHost());
    }
}
