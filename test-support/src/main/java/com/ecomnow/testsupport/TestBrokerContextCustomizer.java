package com.ecomnow.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context at the chosen broker and gives it a namespace of its own
 * ({@code ecomnow.messaging.namespace=test-<random>}), so its exchange and queues exist only for it; they are
 * deleted when the context closes.
 */
class TestBrokerContextCustomizer implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = new HashMap<>();
        // A broker that never answers an RPC must fail the test, not hang it for the client's default 10 minutes.
        properties.put("spring.rabbitmq.channel-rpc-timeout", "30s");
        properties.put("ecomnow.messaging.namespace", "test-" + UUID.randomUUID().toString().substring(0, 8));
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("ecomnowTestBroker", properties));

        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
        // The environment's broker Boot finds by itself; the other two are Boot's RabbitConnectionDetails.
        switch (TestBroker.source()) {
            case TESTCONTAINERS -> registry.registerBeanDefinition("ecomnowTestcontainersBroker",
                    new RootBeanDefinition(TestcontainersBrokerConfiguration.class));
            case EMBEDDED -> registry.registerBeanDefinition("ecomnowEmbeddedBroker",
                    new RootBeanDefinition(EmbeddedTestBroker.class));
            case ENVIRONMENT -> {
            }
        }
        registry.registerBeanDefinition("ecomnowTestTopologyCleanup",
                new RootBeanDefinition(TestTopologyCleanup.class));
    }

    // Every instance configures contexts alike, so equal instances let Spring cache and reuse contexts.
    @Override
    public boolean equals(Object other) {
        return other instanceof TestBrokerContextCustomizer;
    }

    @Override
    public int hashCode() {
        return TestBrokerContextCustomizer.class.hashCode();
    }
}
