package com.ecomnow.email.confirmation;

import org.springframework.stereotype.Component;

import com.ecomnow.email.mail.ConfirmationMailer;
import com.ecomnow.messaging.consumer.OrderEventHandler;
import com.ecomnow.messaging.event.OrderCreated;

/** email-service's whole subscription: one confirmation email per order. */
@Component
class OrderConfirmationHandler implements OrderEventHandler {

    private final ConfirmationRenderer renderer;
    private final ConfirmationMailer mailer;

    OrderConfirmationHandler(ConfirmationRenderer renderer, ConfirmationMailer mailer) {
        this.renderer = renderer;
        this.mailer = mailer;
    }

    @Override
    public void handle(OrderCreated event) {
        mailer.send(event, renderer.render(event));
    }
}
