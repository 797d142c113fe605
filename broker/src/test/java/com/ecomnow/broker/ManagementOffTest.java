package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP management only starts when asked for and given a password; tests never get it by default. */
class ManagementOffTest {

    @Test
    void testBrokersHaveNoManagement() {
        assertThat(BrokerOptions.forTests().management().enabled()).isFalse();
        assertThat(BrokerOptions.forTests().management().port()).isEqualTo(ManagementOptions.OFF);

        EmbeddedBroker shared = EmbeddedBrokers.sharedForTests();
        assertThat(shared.managementUri()).isEmpty();
        assertThatThrownBy(shared::managementPort).hasMessageContaining("no HTTP management");
    }

    @Test
    void defaultsHaveAPortButNoPasswordSoNoManagement() {
        ManagementOptions management = BrokerOptions.defaults().management();

        assertThat(management.port()).isEqualTo(15672);
        assertThat(management.username()).isEqualTo("admin");
        assertThat(management.password()).isNull();
        assertThat(management.enabled()).isFalse();
    }

    @Test
    void withoutPasswordNoHttpPortIsOpened() throws Exception {
        int port = freePort();
        BrokerOptions options = BrokerOptions.forTests()
                .withManagement(new ManagementOptions(port, "admin", null));

        JsonNode config = JsonMapper.builder().build().readTree(InitialConfiguration.json(options));
        assertThat(config.path("ports").valueStream().map(p -> p.path("type").asString())).containsExactly("AMQP");
        assertThat(config.has("plugins")).isFalse();
        assertThat(config.path("authenticationproviders").size()).isEqualTo(1);

        try (EmbeddedBroker broker = new EmbeddedBroker(options).start();
             Connection connection = Clients.factory(broker).newConnection()) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(broker.managementUri()).isEmpty();
            assertThat(listening(port)).isFalse();
        }
    }

    @Test
    void withPasswordTheHttpPortUsesItsOwnUserAndTheAmqpBindAddress() throws Exception {
        BrokerOptions options = BrokerOptions.forTests().withBindAddress("0.0.0.0")
                .withManagement(new ManagementOptions(15699, "ops", "m4nage"));

        JsonNode config = JsonMapper.builder().build().readTree(InitialConfiguration.json(options));
        JsonNode http = config.path("ports").valueStream()
                .filter(p -> p.path("type").asString().equals("HTTP")).findFirst().orElseThrow();
        assertThat(http.path("port").asInt()).isEqualTo(15699);
        assertThat(http.path("bindingAddress").asString()).isEqualTo("0.0.0.0");
        assertThat(http.path("authenticationProvider").asString()).isEqualTo("management");
        JsonNode amqp = config.path("ports").valueStream()
                .filter(p -> p.path("type").asString().equals("AMQP")).findFirst().orElseThrow();
        assertThat(amqp.path("authenticationProvider").asString()).isEqualTo("plain");
        assertThat(config.path("plugins").get(0).path("httpBasicAuthenticationEnabled").asBoolean()).isTrue();
    }

    @Test
    void startFailsWhenTheManagementPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedBroker broker = new EmbeddedBroker(BrokerOptions.forTests()
                    .withManagement(new ManagementOptions(taken.getLocalPort(), "admin", "m4nage")));

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
            assertThat(broker.isRunning()).isFalse();
            assertThat(broker.managementUri()).isEmpty();
        }
    }

    @Test
    void closeReleasesTheManagementPort() throws Exception {
        int port;
        try (EmbeddedBroker broker = new EmbeddedBroker(BrokerOptions.forTests()
                .withManagement(new ManagementOptions(0, "admin", "m4nage"))).start()) {
            port = broker.managementPort();
            assertThat(listening(port)).isTrue();
        }
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void invalidManagementOptionsAreRefused() {
        assertThatThrownBy(() -> new ManagementOptions(-2, "admin", "x")).hasMessageContaining("-2");
        assertThatThrownBy(() -> new ManagementOptions(70000, "admin", "x")).hasMessageContaining("70000");
        assertThatThrownBy(() -> new ManagementOptions(0, " ", "x")).hasMessageContaining("username");
        assertThatThrownBy(() -> new ManagementOptions(0, "admin", "")).hasMessageContaining("password");
        assertThat(new ManagementOptions(0, "admin", "s3cret").toString()).doesNotContain("s3cret");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
