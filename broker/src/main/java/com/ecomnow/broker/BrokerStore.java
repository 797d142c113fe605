package com.ecomnow.broker;

import java.util.Locale;

/** Where the broker keeps durable queues and persistent messages. */
public enum BrokerStore {
    /** Apache Derby database on disk: survives restarts. */
    DERBY,
    /** Heap only: everything is lost on stop. Meant for tests. */
    MEMORY;

    public static BrokerStore parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown broker store '" + value + "', expected derby or memory", e);
        }
    }
}
