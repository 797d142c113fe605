package com.ecomnow.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/** RabbitMQ in a container, connected through Spring Boot's {@code @ServiceConnection}. */
@TestConfiguration(proxyBeanMethods = false)
class TestcontainersBrokerConfiguration {

    static final String IMAGE = "rabbitmq:4-management";

    /** One container per JVM: contexts share it and are kept apart by their namespaces. */
    private static final RabbitMQContainer CONTAINER = new RabbitMQContainer(DockerImageName.parse(IMAGE));

    // No destroy method: closing one cached context must not stop the container the others still use.
    @Bean(destroyMethod = "")
    @ServiceConnection
    RabbitMQContainer rabbitMqContainer() {
        return CONTAINER;
    }
}
