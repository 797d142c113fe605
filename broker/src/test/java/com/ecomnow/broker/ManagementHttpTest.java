package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Qpid's HTTP management (web UI, REST API) as the broker module configures it. */
class ManagementHttpTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "m4nage-s3cret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedBroker broker;
    private static HttpClient http;

    @BeforeAll
    static void startBrokerWithManagement() {
        broker = new EmbeddedBroker(BrokerOptions.forTests()
                .withManagement(new ManagementOptions(0, USER, PASSWORD))).start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void randomPortAndLoopbackUrl() {
        assertThat(broker.managementPort()).isPositive().isNotEqualTo(ManagementOptions.DEFAULT_PORT);
        assertThat(broker.managementUri()).contains(URI.create("http://127.0.0.1:" + broker.managementPort() + "/"));
    }

    @Test
    void restApiNeedsTheManagementCredentials() throws Exception {
        assertThat(get("api/latest/broker", null, null).statusCode()).isEqualTo(401);
        assertThat(get("api/latest/broker", USER, "wrong").statusCode()).isEqualTo(401);
        // The AMQP user lives in another authentication provider.
        assertThat(get("api/latest/broker", broker.username(), broker.password()).statusCode()).isEqualTo(401);

        assertThat(get("api/latest/broker", USER, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void queueResourceReportsDepthReadyAndUnacked() throws Exception {
        String queue = "management-depth-test";
        try (Connection connection = Clients.factory(broker).newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.confirmSelect();
            for (int i = 1; i <= 3; i++) {
                channel.basicPublish("", queue, null, ("message " + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(5000);

            JsonNode statistics = queueStatistics(queue);
            assertThat(statistics.path("queueDepthMessages").asInt()).isEqualTo(3);
            assertThat(statistics.path("availableMessages").asInt()).isEqualTo(3);
            assertThat(statistics.path("unacknowledgedMessages").asInt()).isZero();

            // One delivered but not acknowledged: still counted in queueDepthMessages (RabbitMQ's "Total").
            GetResponse delivered = channel.basicGet(queue, false);
            assertThat(delivered).isNotNull();
            statistics = queueStatistics(queue);
            assertThat(statistics.path("queueDepthMessages").asInt()).isEqualTo(3);
            assertThat(statistics.path("availableMessages").asInt()).isEqualTo(2);
            assertThat(statistics.path("unacknowledgedMessages").asInt()).isEqualTo(1);

            // basic.ack has no reply, so the broker may not have processed it yet.
            channel.basicAck(delivered.getEnvelope().getDeliveryTag(), false);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(queueStatistics(queue).path("queueDepthMessages").asInt()).isEqualTo(2));
        }
    }

    @Test
    void queryApiListsEveryQueueOfTheVirtualHostWithItsDepth() throws Exception {
        String queue = "management-query-test";
        try (Connection connection = Clients.factory(broker).newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", queue, null, "one".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }

        String select = URLEncoder.encode("name,queueDepthMessages,availableMessages,unacknowledgedMessages,"
                + "consumerCount", StandardCharsets.UTF_8);
        HttpResponse<String> response = get("api/latest/queryvhost/ecomnow/ecomnow/queue?select=" + select,
                USER, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("headers").valueStream().map(JsonNode::asString)).containsExactly(
                "name", "queueDepthMessages", "availableMessages", "unacknowledgedMessages", "consumerCount");
        assertThat(body.path("results").valueStream()
                .filter(row -> row.get(0).asString().equals(queue))
                .map(row -> List.of(row.get(1).asInt(), row.get(2).asInt(), row.get(3).asInt(), row.get(4).asInt())))
                .containsExactly(List.of(1, 1, 0, 0));

        // The plain REST collection gives the same objects as the queue resource, as a JSON array.
        JsonNode queues = JSON.readTree(get("api/latest/queue/ecomnow/ecomnow", USER, PASSWORD).body());
        assertThat(queues.isArray()).isTrue();
        assertThat(queues.valueStream().filter(q -> q.path("name").asString().equals(queue))
                .map(q -> q.path("statistics").path("queueDepthMessages").asInt())).containsExactly(1);
    }

    @Test
    void webUiIndexPageIsServed() throws Exception {
        HttpResponse<String> response = get("index.html", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("Qpid");
        // The page's scripts (Dojo) come from a zip dependency of the plugin: Maven leaves zips off the test
        // classpath, the shaded ecomnow-broker.jar has them (checked by hand, see README "Management UI").
    }

    @Test
    void prometheusMetricsNeedTheManagementCredentialsToo() throws Exception {
        assertThat(get("metrics", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> response = get("metrics", USER, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("qpid_queue_depth_messages");
    }

    @Test
    void managementUserCannotConnectOverAmqp() {
        ConnectionFactory factory = Clients.factory(broker);
        factory.setUsername(USER);
        factory.setPassword(PASSWORD);

        assertThatThrownBy(factory::newConnection).isInstanceOf(Exception.class);
    }

    @Test
    void amqpUserStillConnects() throws Exception {
        try (Connection connection = Clients.factory(broker).newConnection()) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    private static JsonNode queueStatistics(String queue) throws IOException, InterruptedException {
        HttpResponse<String> response = get("api/latest/queue/ecomnow/ecomnow/" + queue, USER, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("name").asString()).isEqualTo(queue);
        return body.path("statistics");
    }

    private static HttpResponse<String> get(String path, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.managementUri().orElseThrow().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (user != null) {
            String credentials = user + ":" + password;
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
