package com.ecomnow.order.outbox;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.ecomnow.messaging.event.OrderCreated;

import tools.jackson.databind.json.JsonMapper;

/** Adds an event to the outbox inside the caller's transaction; the relay publishes it after the commit. */
@Component
public class Outbox {

    private final OutboxEventRepository events;
    private final JsonMapper jsonMapper;
    private final ApplicationEventPublisher applicationEvents;

    private final OutboxProperties properties;

    public Outbox(OutboxEventRepository events, JsonMapper jsonMapper, ApplicationEventPublisher applicationEvents,
            OutboxProperties properties) {
        this.events = events;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.applicationEvents = applicationEvents;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(OrderCreated event, String correlationId) {
        // The relay publishes right after the commit; the sweep steps in only if that has not worked.
        Instant sweepFrom = event.occurredAt().plus(properties.sweepInterval());
        events.insert(new OutboxEvent(event.eventId(), event.orderId(), OrderCreated.TYPE,
                jsonMapper.writeValueAsString(event), correlationId, event.occurredAt(), null, sweepFrom, 0, null));
        applicationEvents.publishEvent(new OutboxEventStored(event, correlationId, sweepFrom));
    }
}
