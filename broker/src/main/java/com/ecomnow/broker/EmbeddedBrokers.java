package com.ecomnow.broker;

/**
 * One in-memory broker per JVM for tests, started on first use on a random free port and stopped when the
 * JVM exits. Sharing it keeps test suites fast; tests should use their own queue names.
 */
public final class EmbeddedBrokers {

    /** Qpid's switch for its operational log (a line per connection, channel, queue, ...), read at start-up. */
    static final String STATUS_UPDATES_PROPERTY = "qpid.broker_status_updates";

    private static EmbeddedBroker shared;

    private EmbeddedBrokers() {
    }

    /**
     * The JVM-wide test broker: memory store, random port, guest/guest, virtual host "ecomnow" (or "/").
     * Its operational log is off unless {@code -Dqpid.broker_status_updates=true}, so the callers' test output
     * is not flooded at INFO.
     */
    public static synchronized EmbeddedBroker sharedForTests() {
        if (shared == null) {
            EmbeddedBroker broker = startQuietly(new EmbeddedBroker(BrokerOptions.forTests()));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "ecomnow-test-broker-shutdown"));
            shared = broker;
        }
        return shared;
    }

    private static EmbeddedBroker startQuietly(EmbeddedBroker broker) {
        String configured = System.getProperty(STATUS_UPDATES_PROPERTY);
        if (configured != null) {
            return broker.start();
        }
        // Qpid only reads the property while starting; unset it again so other brokers in this JVM keep logging.
        System.setProperty(STATUS_UPDATES_PROPERTY, "false");
        try {
            return broker.start();
        } finally {
            System.clearProperty(STATUS_UPDATES_PROPERTY);
        }
    }
}
