package com.ecomnow.messaging.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.util.unit.DataSize;

/**
 * Keeps an embedded H2 database file bounded. H2 writes every commit as a new chunk of the file and reuses a
 * chunk's space only once none of its pages is live. Its background thread moves the few live pages out of old,
 * mostly dead chunks; but H2 runs that thread only when commits may wait ({@code WRITE_DELAY > 0}), and EcomNow's
 * URLs say {@code WRITE_DELAY=0} so that a commit is in the file before the answer or the ack. Without the move,
 * a chunk that keeps one live page keeps all its space, and under a steady stream of commits the file grows
 * far beyond the data it holds. Every {@code interval} this does the same move
 * ({@link MVStore#compact}: at most {@code writeLimit} of live pages, from chunks older than H2's retention time)
 * and writes the moved pages at once, as H2's thread would, rather than leaving them to the next transaction's
 * commit (at idle, the next order's). It does nothing for other databases, for H2 in memory or over TCP, and where
 * H2's own thread runs.
 *
 * <p>A run looks only if something else was committed since the last run: an idle service would otherwise
 * search the same chunks every {@code interval}, or keep moving pages and writing them for minutes after a load,
 * which the idle-cost benchmark counts. An idle file waits for the next commit to be compacted further.
 */
public class H2FileCompaction implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final int writeLimit;
    /** Null until a connection could tell; empty where there is nothing to compact. */
    private volatile Optional<Target> target;
    /** The store's version after the last run; runs come one at a time (a fixed-delay task). */
    private long versionLookedAt = -1;

    /** @param fillRate below this share of live data in its chunks (H2's AUTO_COMPACT_FILL_RATE) a file is compacted */
    private record Target(MVStore store, int fillRate) {
    }

    public H2FileCompaction(DataSource dataSource, Duration interval, DataSize writeLimit) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.writeLimit = (int) Math.min(Integer.MAX_VALUE, writeLimit.toBytes());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::compact, interval);
    }

    /** What one run did. */
    public enum Run {
        /** live pages were moved out of old chunks */
        MOVED,
        /** the file was looked at and had nothing to move */
        NOTHING_TO_MOVE,
        /** nothing but the last run's own moves was committed since it, so it did not look */
        SKIPPED_NO_COMMIT,
        /** not an embedded H2 file without H2's own background writer, or no connection yet */
        NO_FILE
    }

    public Run compact() {
        if (target == null || target.filter(t -> t.store().isClosed()).isPresent()) {
            target = fileStoreWithoutBackgroundWriter();
        }
        return target == null ? Run.NO_FILE : target.map(this::compact).orElse(Run.NO_FILE);
    }

    private Run compact(Target target) {
        MVStore store = target.store();
        try {
            long version = store.getCurrentVersion();
            if (version == versionLookedAt) {
                return Run.SKIPPED_NO_COMMIT;
            }
            if (!store.compact(target.fillRate(), writeLimit)) {
                versionLookedAt = version;
                return Run.NOTHING_TO_MOVE;
            }
            store.tryCommit();
            // Its own commit does not count: on an idle service one run moves, and the rest waits for the next order.
            versionLookedAt = store.getCurrentVersion();
            return Run.MOVED;
        }
        catch (MVStoreException e) {
            if (target.store().isClosed()) {
                return Run.NO_FILE; // the database closed meanwhile (shutdown); the next run looks again
            }
            throw e;
        }
    }

    private Optional<Target> fileStoreWithoutBackgroundWriter() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                    || session.getDatabase().getStore() == null) {
                return Optional.empty();
            }
            MVStore mvStore = session.getDatabase().getStore().getMvStore();
            if (mvStore.getFileStore() == null || mvStore.getAutoCommitDelay() > 0) {
                return Optional.empty();
            }
            log.debug("Compacting {} every {}", mvStore.getFileStore().getFileName(), interval);
            return Optional.of(new Target(mvStore, session.getDatabase().getSettings().autoCompactFillRate));
        }
        catch (SQLException e) {
            log.debug("No connection to look for an H2 file store; trying again in {}", interval, e);
            return null;
        }
    }
}
