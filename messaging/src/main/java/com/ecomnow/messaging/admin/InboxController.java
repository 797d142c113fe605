package com.ecomnow.messaging.admin;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.ecomnow.messaging.consumer.ProcessedEventInbox;

/**
 * {@code GET /admin/inbox/{eventId}}: whether this service has applied an event, and when. The support question
 * "did email-service handle this order?" answered from the table that makes every effect happen once.
 */
@RestController
public class InboxController {

    private final ProcessedEventInbox inbox;

    public InboxController(ProcessedEventInbox inbox) {
        this.inbox = inbox;
    }

    public record InboxEntry(UUID eventId, Instant processedAt) {
    }

    @GetMapping("/admin/inbox/{eventId}")
    public ResponseEntity<?> entry(@PathVariable UUID eventId) {
        return inbox.processedAt(eventId).<ResponseEntity<?>>map(at -> ResponseEntity.ok(new InboxEntry(eventId, at)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "Event " + eventId + " has not been processed here")));
    }
}
