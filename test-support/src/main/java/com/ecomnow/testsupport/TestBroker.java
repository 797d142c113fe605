package com.ecomnow.testsupport;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * Which real broker the tests use, decided once per JVM, in this order:
 * <ol>
 * <li>the broker named by the environment ({@code SPRING_RABBITMQ_ADDRESSES} or {@code SPRING_RABBITMQ_HOST}, or
 * the matching system properties), which Spring Boot reads by itself;</li>
 * <li>RabbitMQ in Testcontainers ({@code rabbitmq:4-management}) when a Docker engine answers;</li>
 * <li>the embedded broker of the {@code broker} module, on a random free port.</li>
 * </ol>
 * {@code ECOMNOW_TEST_BROKER=environment|testcontainers|embedded} forces one choice, so CI can run the same
 * suite against two brokers.
 */
public final class TestBroker {

    public enum Source {
        ENVIRONMENT, TESTCONTAINERS, EMBEDDED
    }

    private static volatile Source chosen;

    private TestBroker() {
    }

    public static Source source() {
        Source source = chosen;
        if (source == null) {
            synchronized (TestBroker.class) {
                if (chosen == null) {
                    chosen = choose();
                    System.out.println("[ecomnow-tests] AMQP broker for this test run: " + describe(chosen));
                }
                source = chosen;
            }
        }
        return source;
    }

    private static Source choose() {
        String forced = setting("ECOMNOW_TEST_BROKER", "ecomnow.test.broker");
        if (forced != null && !forced.isBlank()) {
            Source source = Source.valueOf(forced.trim().toUpperCase(Locale.ROOT));
            if (source == Source.ENVIRONMENT && !brokerInEnvironment()) {
                throw new IllegalStateException("ECOMNOW_TEST_BROKER=environment, but neither "
                        + "SPRING_RABBITMQ_ADDRESSES nor SPRING_RABBITMQ_HOST is set");
            }
            return source;
        }
        if (brokerInEnvironment()) {
            return Source.ENVIRONMENT;
        }
        if (dockerAvailable()) {
            return Source.TESTCONTAINERS;
        }
        return Source.EMBEDDED;
    }

    private static boolean brokerInEnvironment() {
        return setting("SPRING_RABBITMQ_ADDRESSES", "spring.rabbitmq.addresses") != null
                || setting("SPRING_RABBITMQ_HOST", "spring.rabbitmq.host") != null;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    private static String setting(String environmentVariable, String systemProperty) {
        String value = System.getProperty(systemProperty);
        return value != null ? value : System.getenv(environmentVariable);
    }

    private static String describe(Source source) {
        return switch (source) {
            case ENVIRONMENT -> "from the environment ("
                    + firstNonNull(setting("SPRING_RABBITMQ_ADDRESSES", "spring.rabbitmq.addresses"),
                            setting("SPRING_RABBITMQ_HOST", "spring.rabbitmq.host"))
                    + ")";
            case TESTCONTAINERS -> "Testcontainers " + TestcontainersBrokerConfiguration.IMAGE;
            case EMBEDDED -> "embedded broker (broker module)";
        };
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
