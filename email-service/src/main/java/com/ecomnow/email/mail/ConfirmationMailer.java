package com.ecomnow.email.mail;

import java.time.Clock;

import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

import com.ecomnow.email.confirmation.RenderedEmail;
import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.messaging.event.TimeOrderedIds;

/**
 * Records the rendered email and hands it to the {@link MailSender}: SMTP when {@code spring.mail.host} is set,
 * otherwise {@link LocalMailSender}, which only keeps it readable through {@code GET /emails}.
 *
 * <p>Both happen inside the consumer's transaction. If the commit fails after the SMTP server took the message,
 * the retry sends it again: an external side effect can be at-least-once, never exactly-once.
 */
@Component
public class ConfirmationMailer {

    private final SentEmails sentEmails;
    private final MailSender mailSender;
    private final SimulatedMailFaults faults;
    private final EmailProperties properties;
    private final Clock clock = Clock.systemUTC();

    public ConfirmationMailer(SentEmails sentEmails, MailSender mailSender, SimulatedMailFaults faults,
            EmailProperties properties) {
        this.sentEmails = sentEmails;
        this.mailSender = mailSender;
        this.faults = faults;
        this.properties = properties;
    }

    public void send(OrderCreated order, RenderedEmail email) {
        faults.beforeSend();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(email.recipient());
        message.setSubject(email.subject());
        message.setText(email.body());
        sentEmails.record(new SentEmail(TimeOrderedIds.next(), order.eventId(), order.orderId(), email.recipient(),
                email.subject(), email.body(), mailSender instanceof LocalMailSender ? "local" : "smtp",
                clock.instant()));
        mailSender.send(message);
    }
}
