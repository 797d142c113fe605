package com.ecomnow.order.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code outbox_events} table, in plain SQL. */
@Repository
public class OutboxEventRepository {

    private static final String COLUMNS = "event_id, aggregate_id, event_type, payload, correlation_id, created_at, "
            + "published_at, next_attempt_at, attempts, last_error";

    private final JdbcTemplate jdbc;

    OutboxEventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside the caller's transaction: the event commits with the change it announces, or not at all. */
    void insert(OutboxEvent event) {
        jdbc.update("insert into outbox_events (event_id, aggregate_id, event_type, payload, correlation_id, "
                + "created_at, next_attempt_at, attempts) values (?, ?, ?, ?, ?, ?, ?, 0)", event.eventId(),
                event.aggregateId(), event.eventType(), event.payload(), event.correlationId(),
                Timestamp.from(event.createdAt()), Timestamp.from(event.nextAttemptAt()));
    }

    List<UUID> findDue(Instant now, int limit) {
        return jdbc.queryForList("select event_id from outbox_events where published_at is null and "
                + "next_attempt_at <= ? order by next_attempt_at limit ?", UUID.class, Timestamp.from(now), limit);
    }

    /** Claims a due event until {@code until}; 0 when another sweep (another instance) got it first. */
    public int claim(UUID eventId, Instant now, Instant until) {
        return jdbc.update("update outbox_events set next_attempt_at = ? where event_id = ? and published_at is null "
                + "and next_attempt_at <= ?", Timestamp.from(until), eventId, Timestamp.from(now));
    }

    long countByPublishedAtIsNull() {
        Long count = jdbc.queryForObject("select count(*) from outbox_events where published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    public Optional<OutboxEvent> findById(UUID eventId) {
        return jdbc.query("select " + COLUMNS + " from outbox_events where event_id = ?", (row, n) -> event(row),
                eventId).stream().findFirst();
    }

    public Optional<OutboxEvent> findFirstByAggregateId(UUID aggregateId) {
        return jdbc.query("select " + COLUMNS + " from outbox_events where aggregate_id = ? order by created_at "
                + "limit 1", (row, n) -> event(row), aggregateId).stream().findFirst();
    }

    /** Marks a batch of confirmed events in one statement: one commit instead of one per event. */
    int markAllPublished(Collection<UUID> eventIds, Instant at) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        Object[] arguments = new Object[eventIds.size() + 1];
        arguments[0] = Timestamp.from(at);
        System.arraycopy(eventIds.toArray(), 0, arguments, 1, eventIds.size());
        return jdbc.update("update outbox_events set published_at = ?, attempts = attempts + 1, last_error = null "
                + "where published_at is null and event_id in (" + String.join(",", Collections.nCopies(eventIds.size(),
                "?")) + ")", arguments);
    }

    /**
     * Records a failed attempt, unless the event was published or claimed by a sweep since the attempt began (its
     * {@code next_attempt_at} is no longer {@code heldUntil}): a late mark must not make a claimed event due again.
     */
    int markFailed(UUID eventId, String error, Instant retryAt, Instant heldUntil) {
        return jdbc.update("update outbox_events set attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                + "where event_id = ? and published_at is null and next_attempt_at = ?", error,
                Timestamp.from(retryAt), eventId, Timestamp.from(heldUntil));
    }

    private static OutboxEvent event(ResultSet row) throws SQLException {
        Timestamp published = row.getTimestamp("published_at");
        return new OutboxEvent(row.getObject("event_id", UUID.class), row.getObject("aggregate_id", UUID.class),
                row.getString("event_type"), row.getString("payload"), row.getString("correlation_id"),
                row.getTimestamp("created_at").toInstant(), published == null ? null : published.toInstant(),
                row.getTimestamp("next_attempt_at").toInstant(), row.getInt("attempts"), row.getString("last_error"));
    }
}
