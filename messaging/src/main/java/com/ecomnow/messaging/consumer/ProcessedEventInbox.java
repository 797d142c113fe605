package com.ecomnow.messaging.consumer;

import java.sql.Timestamp;
import java.time.Clock;
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
            jdbc.update("insert into processed_events (event_id, processed_at) values (?, ?)",
                    eventId, Timestamp.from(clock.instant()));
            return true;
        }
        catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    public boolean contains(UUID eventId) {
        Integer count = jdbc.queryForObject("select count(*) from processed_events where event_id = ?",
                Integer.class, eventId);
        return count != null && count > 0;
    }
}
