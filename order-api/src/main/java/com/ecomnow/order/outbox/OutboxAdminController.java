package com.ecomnow.order.outbox;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.ecomnow.order.placement.OrderNotFoundException;

/**
 * {@code POST /admin/outbox/republish?orderId=}: sends an order's event again. An operator's tool (a consumer lost
 * its data and needs the event once more) and the workshop's way to deliver a duplicate on purpose.
 */
@RestController
class OutboxAdminController {

    private final OutboxRelay relay;

    OutboxAdminController(OutboxRelay relay) {
        this.relay = relay;
    }

    record Republished(UUID orderId, UUID eventId) {
    }

    @PostMapping("/admin/outbox/republish")
    ResponseEntity<Republished> republish(@RequestParam UUID orderId) {
        UUID eventId = relay.republish(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        return ResponseEntity.accepted().body(new Republished(orderId, eventId));
    }
}
