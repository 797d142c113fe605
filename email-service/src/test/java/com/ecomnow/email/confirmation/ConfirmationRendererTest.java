package com.ecomnow.email.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderEvents;
import com.ecomnow.messaging.event.OrderLineItem;

class ConfirmationRendererTest {

    @Test
    void rendersRecipientSubjectLinesAndTotal() {
        OrderCreated order = OrderEvents.orderCreated(
                new OrderLineItem("MUG-001", "Coffee mug", 3, new BigDecimal("12.00")),
                new OrderLineItem("NOTE-001", null, 1, new BigDecimal("9.90")));

        RenderedEmail email = new ConfirmationRenderer().render(order);

        assertThat(email.recipient()).isEqualTo("jane@example.com");
        assertThat(email.subject()).isEqualTo(
                "Your EcomNow order " + order.orderId().toString().substring(0, 8) + " is confirmed");
        assertThat(email.body()).contains("Order " + order.orderId())
                .containsPattern("3 x Coffee mug\\s+36.00 EUR")
                .containsPattern("1 x NOTE-001\\s+9.90 EUR")
                .contains("Total: 45.90 EUR");
    }
}
