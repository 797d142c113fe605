package com.ecomnow.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import com.ecomnow.email.mail.SentEmail;
import com.ecomnow.email.mail.SentEmails;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEvents;
import com.ecomnow.messaging.event.OrderLineItem;
import com.ecomnow.messaging.event.TestConsumerMetrics;
import com.ecomnow.messaging.event.TestEventPublisher;
import com.ecomnow.messaging.topology.TopologyNames;
import com.ecomnow.testsupport.BrokerIntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;

@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
@Import(TestEventPublisher.class)
class EmailServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    TopologyNames names;

    @Autowired
    TestEventPublisher events;

    @Autowired
    SentEmails sentEmails;

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;


    @Test
    void anOrderGetsExactlyOneConfirmationEmail() throws Exception {
        OrderCreated order = OrderEvents.orderCreated(
                new OrderLineItem("BOOK-001", "Enterprise Integration Patterns", 2, new BigDecimal("55.00")),
                new OrderLineItem("PEN-001", "Fountain pen", 1, new BigDecimal("18.00")));

        events.publish(order);

        await().atMost(WAIT).until(() -> sentEmails.forOrder(order.orderId()).size() == 1);
        SentEmail email = sentEmails.forOrder(order.orderId()).get(0);
        assertThat(email.recipient()).isEqualTo("jane@example.com");
        assertThat(email.subject()).contains(order.orderId().toString().substring(0, 8));
        assertThat(email.body()).contains("2 x Enterprise Integration Patterns").contains("110.00 EUR")
                .contains("1 x Fountain pen").contains("Total: 128.00 EUR");
        assertThat(email.delivery()).isEqualTo("local");

        mvc.perform(get("/emails").param("orderId", order.orderId().toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].to").value("jane@example.com"))
                .andExpect(jsonPath("$[0].eventId").value(order.eventId().toString()));
    }

    @Test
    void aRedeliveredEventSendsNoSecondEmail() {
        OrderCreated order = OrderEvents.orderCreated();
        double duplicatesBefore = duplicates();

        events.publish(order);
        events.publish(order);

        // The inbox, not the sent_emails constraint, must be what stops the second copy.
        await().atMost(WAIT).until(() -> duplicates() == duplicatesBefore + 1);
        assertThat(sentEmails.forOrder(order.orderId())).hasSize(1);
    }

    private double duplicates() {
        return TestConsumerMetrics.count(meters, names.queue("email_queue"), "duplicate");
    }

    @Test
    void aMessageThatIsNoOrderIsParkedWithItsReason() {
        events.publishRaw("{\"hello\":\"world\"}", "application/json");

        var parked = events.nextDeadLetter("email_queue", WAIT.toMillis());

        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().<String>getHeader("x-exception-message"))
                .isEqualTo("eventId is missing");
    }
}
