package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.ecomnow.messaging.retention.RetentionJob;

/** The inbox forgets what is past its retention, keeps what is inside it, and still recognises copies of that. */
class InboxRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    private JdbcTemplate jdbc;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/messaging").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    private ProcessedEventInbox inboxAt(Instant now) {
        return new ProcessedEventInbox(jdbc, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** As the consumer auto-configuration schedules it. */
    private RetentionJob retentionAt(Instant now) {
        return new RetentionJob(jdbc, "processed_events", "event_id", "processed_at", RETENTION, Duration.ofMinutes(10),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void eventsPastTheRetentionGoAndEventsInsideItStayAndAreStillRecognisedAsDuplicates() {
        UUID old = UUID.randomUUID();
        UUID justOutside = UUID.randomUUID();
        UUID justInside = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        inboxAt(NOW.minus(Duration.ofDays(30))).record(old);
        inboxAt(NOW.minus(RETENTION).minusSeconds(1)).record(justOutside);
        inboxAt(NOW.minus(RETENTION).plusSeconds(1)).record(justInside);
        inboxAt(NOW.minusSeconds(5)).record(recent);

        ProcessedEventInbox inbox = inboxAt(NOW);
        assertThat(retentionAt(NOW).deleteExpired()).isEqualTo(2);

        assertThat(inbox.contains(old)).isFalse();
        assertThat(inbox.contains(justOutside)).isFalse();
        assertThat(inbox.recordFirstDelivery(justInside)).as("a copy inside the window is a duplicate").isFalse();
        assertThat(inbox.recordFirstDelivery(recent)).as("a copy inside the window is a duplicate").isFalse();
        assertThat(retentionAt(NOW).deleteExpired()).as("nothing more to forget").isZero();
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedCompletely() {
        ProcessedEventInbox longAgo = inboxAt(NOW.minus(Duration.ofDays(10)));
        for (int i = 0; i < 2_500; i++) {
            longAgo.record(UUID.randomUUID());
        }
        UUID kept = UUID.randomUUID();
        inboxAt(NOW).record(kept);

        assertThat(retentionAt(NOW).deleteExpired()).isEqualTo(2_500);
        assertThat(jdbc.queryForObject("select count(*) from processed_events", Integer.class)).isOne();
        assertThat(inboxAt(NOW).contains(kept)).isTrue();
    }
}
