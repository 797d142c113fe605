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
    private static final RabbitMQContainer CONTAINER = container();

    /**
     * {@code ECOMNOW_TEST_DOCKER_NETWORK} names the network to start it in, for an engine that has no default
     * bridge network (CI's, which must not touch the host's network; see .ci/compose/engine.sh).
     */
    private static RabbitMQContainer container() {
        RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse(IMAGE));
        String network = System.getenv("ECOMNOW_TEST_DOCKER_NETWORK");
        return network == null || network.isBlank() ? container : container.withNetworkMode(network);
    }

    // No destroy method: closing one cached context must not stop the container the others still use.
    @Bean(destroyMethod = "")
    @ServiceConnection
    RabbitMQContainer rabbitMqContainer() {
        return CONTAINER;
    }
}
