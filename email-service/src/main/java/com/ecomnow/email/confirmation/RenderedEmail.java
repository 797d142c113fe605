package com.ecomnow.email.confirmation;

public record RenderedEmail(String recipient, String subject, String body) {
}
