package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerLifecycleTest {

    @Test
    void portZeroPicksAFreePortAndCloseReleasesIt() throws Exception {
        int port;
        try (EmbeddedBroker broker = new EmbeddedBroker(BrokerOptions.forTests()).start()) {
            port = broker.port();
            assertThat(port).isPositive().isNotEqualTo(5672);
            try (Connection connection = Clients.factory(broker).newConnection()) {
                assertThat(connection.isOpen()).isTrue();
            }
        }
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void startFailsWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedBroker broker = new EmbeddedBroker(BrokerOptions.forTests().withPort(taken.getLocalPort()));

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void clientsAskingForTheEcomnowVirtualHostAreAccepted() throws Exception {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        var factory = Clients.factory(broker);
        factory.setVirtualHost(broker.virtualHost());

        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void sharedBrokerIsStartedOncePerJvm() {
        assertThat(EmbeddedBrokers.sharedForTests()).isSameAs(EmbeddedBrokers.sharedForTests());
        assertThat(EmbeddedBrokers.sharedForTests().isRunning()).isTrue();
    }

    @Test
    void bindsToTheLoopbackAddressByDefault() throws Exception {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
