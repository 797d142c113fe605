package com.ecomnow.messaging.sync;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.ecomnow.messaging.consumer.DeliveryOutcomeDecider;
import com.ecomnow.messaging.event.InvalidEventException;
import com.ecomnow.messaging.event.OrderCreated;

/**
 * {@code POST /sync/order-created}: the consumer's handler over HTTP, for the synchronous "before" architecture
 * that order-api's {@code POST /sync/orders} reproduces for comparison. It is the anti-pattern this project
 * exists to replace; it shares the inbox, so an order handled here and also through the queue counts once.
 * Registered only with {@code ecomnow.sync.enabled=true} (the workshop's launchers set it).
 */
@RestController
public class SynchronousOrderEventController {

    private final DeliveryOutcomeDecider decider;

    public SynchronousOrderEventController(DeliveryOutcomeDecider decider) {
        this.decider = decider;
    }

    @ExceptionHandler(InvalidEventException.class)
    public ProblemDetail invalid(InvalidEventException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    @PostMapping("/sync/order-created")
    public Map<String, String> handle(@RequestBody OrderCreated event) {
        return Map.of("eventId", String.valueOf(event.eventId()), "outcome",
                decider.applyDirectly(event).name().toLowerCase());
    }
}
