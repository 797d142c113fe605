package com.ecomnow.email.confirmation;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.OrderLineItem;

/** Renders the plain-text order confirmation: recipient, subject, one line per item, and the total. */
@Component
public class ConfirmationRenderer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public RenderedEmail render(OrderCreated order) {
        String shortId = order.orderId().toString().substring(0, 8);
        StringBuilder body = new StringBuilder()
                .append("Thank you for your order!\n\n")
                .append("Order ").append(order.orderId()).append(", placed ").append(WHEN.format(order.occurredAt()))
                .append("\n\n");
        for (OrderLineItem item : order.items()) {
            body.append(String.format("  %3d x %-45s %10s %s%n", item.quantity(), displayName(item),
                    money(item.lineTotal()), order.currency()));
        }
        body.append(String.format("%n  Total: %s %s%n", money(order.totalAmount()), order.currency()))
                .append("\nWe will let you know when your parcel ships.\n");
        return new RenderedEmail(order.customerEmail(), "Your EcomNow order " + shortId + " is confirmed",
                body.toString());
    }

    private static String displayName(OrderLineItem item) {
        return item.name() == null || item.name().isBlank() ? item.sku() : item.name();
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
