package com.ecomnow.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;

import com.ecomnow.messaging.retention.RetentionJob;
import com.ecomnow.testsupport.BrokerIntegrationTest;

/** Published events past ecomnow.outbox.retention go; recent ones, and unpublished ones of any age, stay. */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
class OutboxRetentionTest {

    @Autowired
    @Qualifier("outboxRetention")
    RetentionJob retention;

    @Autowired
    OutboxProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void publishedEventsPastTheRetentionGoAndEverythingElseStays() {
        Instant now = Instant.now();
        Instant longAgo = now.minus(properties.retention()).minus(Duration.ofHours(1));
        UUID oldPublished = insert(longAgo, longAgo);
        UUID recentlyPublished = insert(longAgo, now.minus(properties.retention()).plus(Duration.ofHours(1)));
        // Never confirmed (say the broker has been down for days): the sweep must still find it. Its next attempt is
        // far ahead so that this test's sweep leaves it alone.
        UUID oldUnpublished = insert(longAgo, null);

        assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(exists(oldPublished)).isFalse();
        assertThat(exists(recentlyPublished)).isTrue();
        assertThat(exists(oldUnpublished)).isTrue();
        jdbc.update("delete from outbox_events where event_id in (?, ?)", recentlyPublished, oldUnpublished);
    }

    private UUID insert(Instant createdAt, Instant publishedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into outbox_events (event_id, aggregate_id, event_type, payload, created_at, "
                + "published_at, next_attempt_at, attempts) values (?, ?, 'order.created', '{}', ?, ?, ?, 0)", id,
                UUID.randomUUID(), Timestamp.from(createdAt), publishedAt == null ? null : Timestamp.from(publishedAt),
                Timestamp.from(Instant.now().plus(Duration.ofDays(365))));
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.queryForObject("select count(*) from outbox_events where event_id = ?", Integer.class, id) == 1;
    }
}
