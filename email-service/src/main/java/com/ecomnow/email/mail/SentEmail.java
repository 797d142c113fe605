package com.ecomnow.email.mail;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

@Entity
@Table(name = "sent_emails")
public class SentEmail implements Persistable<UUID> {

    /** Always inserted with an id we chose: without this, save() would merge and SELECT first. */
    @Transient
    private boolean isNew;


    @Id
    private UUID id;

    @Column(name = "event_id", nullable = false, unique = true)
    private UUID eventId;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(nullable = false)
    private String recipient;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String body;

    /** {@code smtp} or {@code local} (stored only). */
    @Column(nullable = false)
    private String delivery;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected SentEmail() {
    }

    SentEmail(UUID eventId, UUID orderId, String recipient, String subject, String body, String delivery,
            Instant sentAt) {
        this.id = UUID.randomUUID();
        this.eventId = eventId;
        this.orderId = orderId;
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.delivery = delivery;
        this.sentAt = sentAt;
        this.isNew = true;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    @PostLoad
    void markNotNew() {
        isNew = false;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getEventId() {
        return eventId;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public String getDelivery() {
        return delivery;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
