package com.ecomnow.broker;

import com.rabbitmq.client.ConnectionFactory;

/** RabbitMQ Java client factories pointed at an embedded broker. */
final class Clients {

    private Clients() {
    }

    static ConnectionFactory factory(EmbeddedBroker broker) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost("/");
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }
}
