package com.ecomnow.testsupport;

import java.util.List;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import com.ecomnow.broker.EmbeddedBroker;
import com.ecomnow.broker.EmbeddedBrokers;

/**
 * The third choice: the broker module's embedded AMQP broker, started once per JVM on a free port, handed to
 * Boot as its {@link RabbitConnectionDetails} (as {@code @ServiceConnection} does for the Testcontainers one).
 */
final class EmbeddedTestBroker implements RabbitConnectionDetails {

    private final EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();

    @Override
    public String getUsername() {
        return broker.username();
    }

    @Override
    public String getPassword() {
        return broker.password();
    }

    @Override
    public String getVirtualHost() {
        return broker.virtualHost();
    }

    @Override
    public List<Address> getAddresses() {
        return List.of(new Address(broker.host(), broker.port()));
    }
}
