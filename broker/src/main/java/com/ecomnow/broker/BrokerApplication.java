package com.ecomnow.broker;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the broker as a process: {@code java -jar broker/target/ecomnow-broker.jar}. Settings come from
 * {@code ECOMNOW_BROKER_*} / {@code ECOMNOW_DATA_DIR} environment variables or {@code -Decomnow.*} properties
 * (see {@link BrokerSettings}). Stops cleanly on SIGTERM / Ctrl-C.
 */
public final class BrokerApplication {

    private BrokerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before anything touches slf4j: keeps Qpid's INFO chatter out without shipping a logback.xml that would
        // take over the logging of applications that have this jar on their classpath.
        System.getProperties().putIfAbsent("logback.configurationFile", "ecomnow-broker-logback.xml");

        BrokerSettings settings;
        try {
            settings = BrokerSettings.from(System.getenv(), System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid broker settings: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.print(settings.describe());

        EmbeddedBroker broker = new EmbeddedBroker(settings.options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("EcomNow broker stopping");
            broker.close();
            stopped.countDown();
        }, "ecomnow-broker-shutdown"));

        try {
            broker.start();
        } catch (RuntimeException e) {
            System.err.println("EcomNow broker failed to start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("EcomNow broker ready: amqp://" + broker.host() + ":" + broker.port()
                + " (virtual host '" + broker.virtualHost() + "' or '/')");
        broker.managementUri().ifPresent(uri -> System.out.println("EcomNow broker management: " + uri
                + " (user " + broker.options().management().username() + ", REST API under " + uri + "api/latest/)"));
        // Qpid's threads may all be daemons; the main thread keeps the JVM up until the shutdown hook runs.
        stopped.await();
    }
}
