package com.ecomnow.testsupport;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Registered in {@code META-INF/spring.factories}; acts only on classes marked {@link BrokerIntegrationTest}. */
class TestBrokerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, BrokerIntegrationTest.class)
                ? new TestBrokerContextCustomizer()
                : null;
    }
}
