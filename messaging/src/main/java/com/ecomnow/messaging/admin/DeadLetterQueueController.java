package com.ecomnow.messaging.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/dlq} and {@code POST /admin/dlq/replay} on every consumer service. Like the rest of the
 * service it listens on localhost only unless configured otherwise; put it behind authentication before
 * exposing it.
 */
@RestController
@RequestMapping("/admin/dlq")
public class DeadLetterQueueController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetterQueueAdmin admin;

    public DeadLetterQueueController(DeadLetterQueueAdmin admin) {
        this.admin = admin;
    }

    /** How many messages are parked, and the first {@code limit} with their reasons (they stay parked). */
    @GetMapping
    public DeadLetterQueueAdmin.Overview overview(@RequestParam(defaultValue = "20") int limit) {
        return admin.peek(Math.max(0, Math.min(limit, MAX_LIMIT)));
    }

    /** Moves all parked messages, or the one with {@code eventId}, back to this service's own queue. */
    @PostMapping("/replay")
    public DeadLetterQueueAdmin.ReplayResult replay(@RequestParam(required = false) String eventId) {
        return admin.replay(eventId);
    }
}
