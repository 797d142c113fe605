package com.ecomnow.messaging.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import com.ecomnow.messaging.event.TimeOrderedIds;
import com.ecomnow.messaging.storage.H2FileCompaction.Run;

/**
 * An H2 file written the way the services write it (WRITE_DELAY=0, a commit per row, keys that grow at the end)
 * stays bounded with the compaction and keeps growing without it. RETENTION_TIME=0 lets a chunk be rewritten and
 * reused at once instead of after H2's 45 s, so that the test takes seconds.
 */
class H2FileCompactionTest {

    private static final int ROUNDS = 4;
    private static final int COMMITS_PER_ROUND = 1500;

    @TempDir
    Path dir;

    @Test
    void theFileStopsGrowingWithCompactionAndGrowsWithoutIt() throws Exception {
        long without = fileSizeAfterWrites("without", false);
        long with = fileSizeAfterWrites("with", true);
        assertThat(with).as("file with compaction (%d bytes) against without (%d bytes)", with, without)
                .isLessThan(without / 2);
    }

    @Test
    void everyRowIsStillThereAfterCompactionAndAReopen() throws Exception {
        fileSizeAfterWrites("reopened", true);
        try (Connection connection = fileDatabase("reopened").getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from events")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(ROUNDS * COMMITS_PER_ROUND);
        }
    }

    @Test
    void aRunThatMovesPagesWritesThemItself() throws Exception {
        DataSource dataSource = fileDatabase("writes");
        try (Connection connection = dataSource.getConnection()) {
            writeRows(connection, COMMITS_PER_ROUND, null);
            MVStore store = storeOf(connection);
            long version = store.getCurrentVersion();
            assertThat(compaction(dataSource).compact()).isEqualTo(Run.MOVED);
            assertThat(store.hasUnsavedChanges()).as("moved pages left for the next transaction").isFalse();
            assertThat(store.getCurrentVersion()).as("the store's version").isGreaterThan(version);
        }
    }

    @Test
    void withoutACommitSinceTheLastRunTheNextRunDoesNotLook() throws Exception {
        DataSource dataSource = fileDatabase("idle");
        H2FileCompaction compaction = compaction(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            writeRows(connection, COMMITS_PER_ROUND, null);
            assertThat(compaction.compact()).as("the first run after the writes").isEqualTo(Run.MOVED);
            assertThat(compaction.compact()).as("the next run, no commit since").isEqualTo(Run.SKIPPED_NO_COMMIT);
            writeRows(connection, 1, null);
            assertThat(compaction.compact()).as("a run after a commit").isNotEqualTo(Run.SKIPPED_NO_COMMIT);
            assertThat(compaction.compact()).as("and the one after it").isEqualTo(Run.SKIPPED_NO_COMMIT);
        }
    }

    @Test
    void anInMemoryDatabaseHasNothingToCompact() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1");
        try (Connection keepOpen = memory.getConnection()) {
            assertThat(compaction(memory).compact()).isEqualTo(Run.NO_FILE);
        }
    }

    @Test
    void aDatabaseWithItsOwnBackgroundWriterIsLeftToIt() throws Exception {
        JdbcDataSource delayed = new JdbcDataSource();
        delayed.setURL("jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=500;RETENTION_TIME=0");
        try (Connection connection = delayed.getConnection()) {
            writeRows(connection, COMMITS_PER_ROUND, null);
            assertThat(compaction(delayed).compact()).isEqualTo(Run.NO_FILE);
        }
    }

    private long fileSizeAfterWrites(String name, boolean compact) throws Exception {
        DataSource dataSource = fileDatabase(name);
        H2FileCompaction compaction = compaction(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            for (int round = 0; round < ROUNDS; round++) {
                writeRows(connection, COMMITS_PER_ROUND, compact ? compaction : null);
            }
            return Files.size(dir.resolve(name + ".mv.db"));
        }
    }

    /** Commits one row at a time and, with a compaction, runs it every 10 commits as its timer would under load. */
    private static void writeRows(Connection connection, int commits, H2FileCompaction compaction) throws Exception {
        connection.createStatement().execute("create table if not exists events "
                + "(id uuid primary key, body varchar(1000) not null)");
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into events values (?, ?)")) {
            for (int i = 0; i < commits; i++) {
                insert.setObject(1, TimeOrderedIds.next());
                insert.setString(2, "x".repeat(600));
                insert.executeUpdate();
                connection.commit();
                if (compaction != null && i % 10 == 9) {
                    compaction.compact();
                }
            }
        }
        connection.setAutoCommit(true);
    }

    private static MVStore storeOf(Connection connection) throws Exception {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                .getMvStore();
    }

    private DataSource fileDatabase(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        return dataSource;
    }

    private static H2FileCompaction compaction(DataSource dataSource) {
        return new H2FileCompaction(dataSource, Duration.ofSeconds(1), DataSize.ofMegabytes(1));
    }
}
