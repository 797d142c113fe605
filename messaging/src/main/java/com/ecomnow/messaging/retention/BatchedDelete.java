package com.ecomnow.messaging.retention;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes the rows of one table older than a cutoff, a batch per statement, each statement its own transaction:
 * a cleanup after a long pause (or the first one on a big table) never holds locks on millions of rows or grows
 * one huge transaction, and the service keeps writing meanwhile. The same SQL runs on H2 and PostgreSQL.
 */
public class BatchedDelete {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final int batchSize;

    /**
     * @param table the table
     * @param key its primary key column (one column)
     * @param time the column compared with the cutoff; it needs an index
     */
    public BatchedDelete(JdbcTemplate jdbc, String table, String key, String time, int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.sql = "delete from " + table + " where " + key + " in (select " + key + " from " + table + " where "
                + time + " < ? fetch first " + batchSize + " rows only)";
    }

    /** @return how many rows went */
    public long before(Instant cutoff) {
        long deleted = 0;
        int batch;
        do {
            batch = jdbc.update(sql, Timestamp.from(cutoff));
            deleted += batch;
        }
        while (batch == batchSize);
        return deleted;
    }
}
