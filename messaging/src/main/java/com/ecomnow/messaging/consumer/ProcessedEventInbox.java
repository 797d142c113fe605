package com.ecomnow.messaging.consumer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotent inbox: the {@code processed_events} table, whose primary key is the event id. Recording an
 * event in the same transaction as its side effect makes "applied" and "recorded" one atomic fact: a second copy
 * of the event, redelivered later or processed at the same moment on another thread, fails the insert and
 * changes nothing.
 */
public class ProcessedEventInbox {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ProcessedEventInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Must run inside the caller's transaction.
     *
     * @return {@code true} if this is the first time the event is seen, {@code false} for a duplicate
     */
    public boolean recordFirstDelivery(UUID eventId) {
        try {
            record(eventId);
            return true;
        }
        catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    /**
     * Records an event inside the caller's transaction, for a batch whose duplicates were filtered out before.
     *
     * @throws DuplicateKeyException if another transaction recorded it meanwhile (the batch must roll back)
     */
    public void record(UUID eventId) {
        jdbc.update("insert into processed_events (event_id, processed_at) values (?, ?)",
                eventId, Timestamp.from(clock.instant()));
    }

    /** Which of these events were already processed: one query for a whole batch. */
    public List<UUID> alreadyProcessed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(",", Collections.nCopies(eventIds.size(), "?"));
        return jdbc.queryForList("select event_id from processed_events where event_id in (" + placeholders + ")",
                UUID.class, eventIds.toArray());
    }

    /** When the event was processed here, if it was: what {@code GET /admin/inbox/{eventId}} shows. */
    public Optional<Instant> processedAt(UUID eventId) {
        return jdbc.query("select processed_at from processed_events where event_id = ?",
                (row, n) -> row.getTimestamp(1).toInstant(), eventId).stream().findFirst();
    }

    public boolean contains(UUID eventId) {
        Integer count = jdbc.queryForObject("select count(*) from processed_events where event_id = ?",
                Integer.class, eventId);
        return count != null && count > 0;
    }
}
