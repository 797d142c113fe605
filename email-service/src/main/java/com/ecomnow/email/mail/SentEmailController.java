package com.ecomnow.email.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SentEmailController {

    private static final int MOST_RECENT = 100;

    private final SentEmails sentEmails;

    SentEmailController(SentEmails sentEmails) {
        this.sentEmails = sentEmails;
    }

    /** The emails sent for one order, or the most recent 100. */
    @GetMapping("/emails")
    List<EmailView> list(@RequestParam(required = false) UUID orderId) {
        List<SentEmail> emails = orderId != null ? sentEmails.forOrder(orderId) : sentEmails.latest(MOST_RECENT);
        return emails.stream().map(EmailView::of).toList();
    }

    record EmailView(UUID id, UUID orderId, UUID eventId, String to, String subject, String body, String delivery,
            Instant sentAt) {

        static EmailView of(SentEmail email) {
            return new EmailView(email.id(), email.orderId(), email.eventId(), email.recipient(), email.subject(),
                    email.body(), email.delivery(), email.sentAt());
        }
    }
}
