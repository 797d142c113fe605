package com.ecomnow.order.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Against a real H2 database: what commits together, what rolls back, who sees which failure, and a commit whose
 * outcome is unknown.
 */
class GroupCommitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private GroupCommit groupCommit;
    /** Holds the writer inside the first unit's transaction, so that the next units queue up behind it. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstRunning = new CountDownLatch(1);

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table written (name varchar(20) primary key)");
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (groupCommit != null && groupCommit.isRunning()) {
            groupCommit.stop();
        }
    }

    private GroupCommit started(int maxBatchSize) {
        groupCommit = new GroupCommit(transaction, maxBatchSize, registry);
        groupCommit.start();
        return groupCommit;
    }

    private String write(String name) {
        jdbc.update("insert into written (name) values (?)", name);
        return name;
    }

    private CompletableFuture<String> blockingFirstUnit() throws InterruptedException {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> groupCommit.execute(() -> {
            firstRunning.countDown();
            awaitLatch(release);
            return write("first");
        }));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private CompletableFuture<String> submit(String name) {
        return CompletableFuture.supplyAsync(() -> groupCommit.execute(() -> write(name)));
    }

    private CompletableFuture<String> submitFailing() {
        return CompletableFuture.supplyAsync(() -> groupCommit.execute(() -> {
            write("doomed");
            throw new IllegalStateException("this unit cannot succeed");
        }));
    }

    private List<String> written() {
        return jdbc.queryForList("select name from written order by name", String.class);
    }

    private DistributionSummary unitsPerCommit() {
        return registry.get("ecomnow.group.commit.units").summary();
    }

    @Test
    void workThatWaitsWhileACommitIsRunningSharesTheNextCommit() throws Exception {
        started(50);
        CompletableFuture<String> first = blockingFirstUnit();
        List<CompletableFuture<String>> queued = List.of(submit("a"), submit("b"), submit("c"));
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 3);
        assertThat(written()).as("nothing is visible before its commit").isEmpty();

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        for (CompletableFuture<String> unit : queued) {
            assertThat(unit.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(written()).containsExactly("a", "b", "c", "first");
        assertThat(unitsPerCommit().count()).as("commits").isEqualTo(2);
        assertThat(unitsPerCommit().max()).as("units in the second commit").isEqualTo(3);
    }

    @Test
    void aFailingUnitFailsOnlyItsOwnCallerAndTheOthersCommitOnce() throws Exception {
        started(50);
        CompletableFuture<String> first = blockingFirstUnit();
        CompletableFuture<String> a = submit("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 1);
        CompletableFuture<String> failing = submitFailing();
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 2);
        CompletableFuture<String> b = submit("b");
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 3);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("this unit cannot succeed");
        assertThat(written()).as("the shared attempt rolled back; a and b were written again alone")
                .containsExactly("a", "b", "first");
        assertThat(unitsPerCommit().count()).as("first alone, then a and b each alone").isEqualTo(3);
    }

    /** Inside a unit's work: its transaction commits, then reports a failure, as when COMMIT's answer is lost. */
    private static void answerLostAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

            @Override
            public void afterCommit() {
                throw new TransientDataAccessResourceException("simulated: the answer to COMMIT was lost");
            }
        });
    }

    @Test
    void aSharedCommitThatFailsAfterTakingEffectFailsEachCallerAsUnknownAndRunsNothingAgain() throws Exception {
        started(50);
        CompletableFuture<String> first = blockingFirstUnit();
        CompletableFuture<String> a = submit("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 1);
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> groupCommit.execute(() -> {
            answerLostAfterCommit();
            return write("b");
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 2);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        for (CompletableFuture<String> unknown : List.of(a, b)) {
            assertThatThrownBy(() -> unknown.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CommitOutcomeUnknownException.class);
        }
        assertThat(written()).as("committed once; run again, a and b would have failed on their own keys")
                .containsExactly("a", "b", "first");
    }

    @Test
    void aCommitOfOneThatFailsAfterTakingEffectIsUnknownToo() {
        started(1);

        assertThatThrownBy(() -> groupCommit.execute(() -> {
            answerLostAfterCommit();
            return write("c");
        })).isInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(written()).containsExactly("c");
    }

    @Test
    void withABatchSizeOfOneWorkRunsOnTheCallersThread() {
        started(1);
        Thread caller = Thread.currentThread();

        Thread ranOn = groupCommit.execute(() -> {
            write("alone");
            return Thread.currentThread();
        });

        assertThat(ranOn).isSameAs(caller);
        assertThat(written()).containsExactly("alone");
    }

    @Test
    void afterStopWorkStillCommitsOnTheCallersThread() {
        started(50);
        groupCommit.stop();

        assertThat(groupCommit.execute(() -> write("late"))).isEqualTo("late");
        assertThat(written()).containsExactly("late");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
