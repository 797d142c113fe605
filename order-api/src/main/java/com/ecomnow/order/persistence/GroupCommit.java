package com.ecomnow.order.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Group commit: the writes of concurrent requests share one transaction, so one commit makes many of them durable.
 * With {@code WRITE_DELAY=0} every H2 commit writes a chunk to the file, and under load that write, not the
 * inserts, was the largest single cost of an order. A caller hands its unit of work over and blocks until the
 * transaction that ran it has committed; a single writer thread takes whatever is waiting (up to
 * {@code max-batch-size}) and runs it in one transaction. When the load is light a batch holds one unit and the
 * only extra cost is the hand-over between threads.
 *
 * <p>If the shared transaction fails before its commit, nothing of it is committed and every unit runs again in a
 * transaction of its own: one bad unit (a unique key taken meanwhile, say) fails only its own caller. A unit may
 * therefore run twice and must build its entities inside the supplier, never reuse objects from a rolled-back
 * attempt. If the commit itself fails, it may have taken effect: every caller of it gets a
 * {@link CommitOutcomeUnknownException}, and nothing runs again.
 */
public class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate transaction;
    private final int maxBatchSize;
    private final BlockingQueue<Unit<?>> waiting = new LinkedBlockingQueue<>();
    private final DistributionSummary unitsPerCommit;
    private volatile boolean running;
    private Thread writer;

    public GroupCommit(TransactionTemplate transaction, int maxBatchSize, MeterRegistry registry) {
        this.transaction = transaction;
        this.maxBatchSize = maxBatchSize;
        this.unitsPerCommit = DistributionSummary.builder("ecomnow.group.commit.units")
                .description("Units of work (orders) made durable by one commit")
                .register(registry);
    }

    /** Runs the work in a transaction, possibly shared with other callers' work, and returns once it is committed. */
    public <T> T execute(Supplier<T> work) {
        if (maxBatchSize <= 1 || !running) {
            return alone(work);
        }
        Unit<T> unit = new Unit<>(work);
        waiting.add(unit);
        if (!running && waiting.remove(unit)) {
            // Stopped while we queued: nobody will take it from the queue any more.
            return alone(work);
        }
        return unit.await();
    }

    private <T> T alone(Supplier<T> work) {
        boolean[] workDone = { false };
        try {
            T result = transaction.execute(status -> {
                T done = work.get();
                workDone[0] = true;
                return done;
            });
            unitsPerCommit.record(1);
            return result;
        }
        catch (RuntimeException failed) {
            throw workDone[0] ? new CommitOutcomeUnknownException(failed) : failed;
        }
    }

    private void writeLoop() {
        List<Unit<?>> batch = new ArrayList<>(maxBatchSize);
        while (running || !waiting.isEmpty()) {
            try {
                Unit<?> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatchSize - 1);
                commit(batch);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (Throwable unexpected) {
                log.error("Group commit failed unexpectedly", unexpected);
                batch.forEach(unit -> unit.fail(unexpected));
            }
            finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Unit<?>> batch) {
        boolean[] workDone = { false };
        try {
            transaction.executeWithoutResult(status -> {
                batch.forEach(Unit::runInSharedTransaction);
                workDone[0] = true;
            });
            unitsPerCommit.record(batch.size());
            batch.forEach(Unit::completeCommitted);
        }
        catch (RuntimeException failed) {
            if (workDone[0]) {
                // The commit itself failed and may have taken effect: running the units again could store them
                // twice, or fail them on their own keys as if nothing had been stored.
                CommitOutcomeUnknownException unknown = new CommitOutcomeUnknownException(failed);
                batch.forEach(unit -> unit.fail(unknown));
                return;
            }
            if (batch.size() == 1) {
                batch.get(0).fail(failed);
                return;
            }
            log.debug("A group of {} failed ({}); committing each on its own", batch.size(), failed.toString());
            for (Unit<?> unit : batch) {
                unit.runAlone();
            }
        }
    }

    /** Units queued for the next commit. */
    int waiting() {
        return waiting.size();
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Lets the writer finish what is queued; work that arrives later runs on its caller's thread. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Unit<?> left;
        while ((left = waiting.poll()) != null) {
            left.runAlone();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server has stopped taking requests and answered those it had (its phases are higher). */
    @Override
    public int getPhase() {
        return 0;
    }

    private final class Unit<T> {

        private final Supplier<T> work;
        private final CompletableFuture<T> committed = new CompletableFuture<>();
        private T result;

        Unit(Supplier<T> work) {
            this.work = work;
        }

        void runInSharedTransaction() {
            result = work.get();
        }

        void completeCommitted() {
            committed.complete(result);
        }

        void runAlone() {
            try {
                committed.complete(alone(work));
            }
            catch (Throwable failure) {
                committed.completeExceptionally(failure);
            }
        }

        void fail(Throwable failure) {
            committed.completeExceptionally(failure);
        }

        T await() {
            try {
                return committed.join();
            }
            catch (CompletionException ex) {
                // The caller sees the exception its work threw, as if it had run on its own thread.
                if (ex.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (ex.getCause() instanceof Error error) {
                    throw error;
                }
                throw ex;
            }
        }
    }
}
