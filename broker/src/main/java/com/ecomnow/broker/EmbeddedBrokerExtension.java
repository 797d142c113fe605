package com.ecomnow.broker;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that makes sure the JVM-wide test broker ({@link EmbeddedBrokers#sharedForTests()}) is
 * running before the test class starts. The static accessors tell the test where it is, e.g. for
 * {@code @DynamicPropertySource}: {@code registry.add("spring.rabbitmq.port", EmbeddedBrokerExtension::port)}.
 * The accessors start the broker themselves if needed, so their use does not depend on callback order.
 */
public final class EmbeddedBrokerExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedBrokers.sharedForTests();
    }

    public static String host() {
        return EmbeddedBrokers.sharedForTests().host();
    }

    public static int port() {
        return EmbeddedBrokers.sharedForTests().port();
    }

    public static String username() {
        return EmbeddedBrokers.sharedForTests().username();
    }

    public static String password() {
        return EmbeddedBrokers.sharedForTests().password();
    }

    /** "ecomnow"; clients using "/" reach the same virtual host. */
    public static String virtualHost() {
        return EmbeddedBrokers.sharedForTests().virtualHost();
    }
}
