package com.ecomnow.email.mail;

import java.time.Instant;
import java.util.UUID;

/** A confirmation email as it was sent; {@code delivery} is {@code smtp} or {@code local} (stored only). */
public record SentEmail(UUID id, UUID eventId, UUID orderId, String recipient, String subject, String body,
        String delivery, Instant sentAt) {
}
