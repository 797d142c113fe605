package com.ecomnow.order.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface OutboxEventRepository extends JpaRepository<OutboxEvent, UUID> {

    @Query("select e.eventId from OutboxEvent e where e.publishedAt is null and e.nextAttemptAt <= :now "
            + "order by e.nextAttemptAt")
    List<UUID> findDue(Instant now, Limit limit);

    /** Claims a due event until {@code until}; 0 when another sweep (another instance) got it first. */
    @Transactional
    @Modifying
    @Query("update OutboxEvent e set e.nextAttemptAt = :until "
            + "where e.eventId = :eventId and e.publishedAt is null and e.nextAttemptAt <= :now")
    int claim(UUID eventId, Instant now, Instant until);

    long countByPublishedAtIsNull();

    java.util.Optional<OutboxEvent> findFirstByAggregateId(UUID aggregateId);

    /** Marks a batch of confirmed events in one statement: one commit instead of one per event. */
    @Transactional
    @Modifying
    @Query("update OutboxEvent e set e.publishedAt = :at, e.attempts = e.attempts + 1, e.lastError = null "
            + "where e.eventId in :eventIds and e.publishedAt is null")
    int markAllPublished(Collection<UUID> eventIds, Instant at);

    @Transactional
    @Modifying
    @Query("update OutboxEvent e set e.attempts = e.attempts + 1, e.lastError = :error, e.nextAttemptAt = :retryAt "
            + "where e.eventId = :eventId")
    int markFailed(UUID eventId, String error, Instant retryAt);
}
