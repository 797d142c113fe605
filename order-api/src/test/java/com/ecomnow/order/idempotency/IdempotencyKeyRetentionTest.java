package com.ecomnow.order.idempotency;

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

/** Keys past ecomnow.idempotency.retention go; keys inside it stay. */
@SpringBootTest
@AutoConfigureMockMvc
@BrokerIntegrationTest
class IdempotencyKeyRetentionTest {

    @Autowired
    @Qualifier("idempotencyKeyRetention")
    RetentionJob retention;

    @Autowired
    IdempotencyProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void expiredKeysGoAndLiveKeysStay() {
        Instant now = Instant.now();
        String expired = insert(now.minus(properties.retention()).minus(Duration.ofMinutes(1)));
        String live = insert(now.minus(properties.retention()).plus(Duration.ofMinutes(5)));

        assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(exists(expired)).isFalse();
        assertThat(exists(live)).isTrue();
        jdbc.update("delete from idempotency_keys where idempotency_key = ?", live);
    }

    private String insert(Instant createdAt) {
        String key = "retention-" + UUID.randomUUID();
        jdbc.update("insert into idempotency_keys (idempotency_key, request_hash, order_id, created_at) "
                + "values (?, 'hash', ?, ?)", key, UUID.randomUUID(), Timestamp.from(createdAt));
        return key;
    }

    private boolean exists(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_keys where idempotency_key = ?", Integer.class,
                key) == 1;
    }
}
