package com.ecomnow.messaging.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Keeps one table bounded: every {@code interval} (and once at start-up) it deletes the rows older than
 * {@code retention}, a batch per statement, each statement its own transaction. A cleanup after a long pause (or
 * the first one on a big table) never holds locks on millions of rows or grows one huge transaction, and the
 * service keeps writing meanwhile. The same SQL runs on H2 and PostgreSQL. Used for the consumers' inbox and
 * order-api's outbox and idempotency keys (docs/reliability.md has the windows); scheduled by
 * {@code @EnableScheduling}.
 */
public class RetentionJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final String table;
    private final String sql;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;

    /**
     * @param key the table's primary key column (one column)
     * @param time the column compared with the cutoff; it needs an index. A row whose time is null never goes.
     */
    public RetentionJob(JdbcTemplate jdbc, String table, String key, String time, Duration retention,
            Duration interval, Clock clock) {
        this.jdbc = jdbc;
        this.table = table;
        this.sql = "delete from " + table + " where " + key + " in (select " + key + " from " + table + " where "
                + time + " < ? fetch first " + BATCH_SIZE + " rows only)";
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, interval);
    }

    /** @return how many rows went */
    public long deleteExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        long deleted = 0;
        int batch;
        do {
            batch = jdbc.update(sql, cutoff);
            deleted += batch;
        }
        while (batch == BATCH_SIZE);
        if (deleted > 0) {
            log.info("Deleted {} row(s) of {} older than {}", deleted, table, retention);
        }
        return deleted;
    }
}
