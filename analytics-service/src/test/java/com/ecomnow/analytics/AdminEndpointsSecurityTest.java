package com.ecomnow.analytics;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

/**
 * With admin credentials configured (as in docker compose), the dead-letter admin and the synchronous endpoint
 * answer 401 without them and work with them; the service's own API and health stay open.
 */
@SpringBootTest(properties = { "spring.security.user.name=admin", "spring.security.user.password=s3cret",
        "ecomnow.sync.enabled=true" })
@AutoConfigureMockMvc
@BrokerIntegrationTest
class AdminEndpointsSecurityTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopologyNames names;

    private static RequestPostProcessor httpBasic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request -> {
            request.addHeader("Authorization", "Basic " + token);
            return request;
        };
    }

    @Test
    void adminEndpointsNeedTheCredentials() throws Exception {
        mvc.perform(get("/admin/dlq")).andExpect(status().isUnauthorized());
        mvc.perform(post("/admin/dlq/replay")).andExpect(status().isUnauthorized());
        mvc.perform(post("/sync/order-created").contentType("application/json").content("{}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/dlq").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void theReplayWorksWithThem() throws Exception {
        // Not JSON: parked at once, with its reason.
        rabbit.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY,
                MessageBuilder.withBody("not json".getBytes()).setMessageId("poison-for-replay").build());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc
                .perform(get("/admin/dlq").with(httpBasic("admin", "s3cret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.messages[?(@.messageId == 'poison-for-replay')]").exists()));

        mvc.perform(post("/admin/dlq/replay").with(httpBasic("admin", "s3cret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replayed").value(1))
                .andExpect(jsonPath("$.messageIds[0]").value("poison-for-replay"));
    }

    @Test
    void theServiceApiAndHealthStayOpen() throws Exception {
        mvc.perform(get("/analytics/summary")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
