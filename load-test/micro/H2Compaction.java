import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * What the services' H2 compaction (messaging's H2FileCompaction) does to one consumer's database: RATE commits a
 * second, each an inbox row and an email row (time-ordered keys, WRITE_DELAY=0, H2's 45 s retention), for SECONDS,
 * with no compaction or with MVStore.compact every INTERVAL_MS of at most WRITE_KB. Prints the file's size every
 * 15 s and, over the last 60 s, each commit's time from when it was due to when it was committed.
 *
 *   java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar load-test/micro/H2Compaction.java \
 *       none|compact RATE SECONDS [INTERVAL_MS WRITE_KB]
 */
public class H2Compaction {

    private static long millis = System.currentTimeMillis();

    static UUID key(Random random) {
        long ms = millis++;
        return new UUID((ms << 16) | 0x7000L | (random.nextInt() & 0x0fff),
                (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L);
    }

    public static void main(String[] args) throws Exception {
        boolean compact = args[0].equals("compact");
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int intervalMs = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int writeLimit = (args.length > 4 ? Integer.parseInt(args[4]) : 1024) * 1024;
        Path dir = Files.createTempDirectory("h2-compaction");
        Path file = dir.resolve("db.mv.db");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/db;WRITE_DELAY=0", "sa", "")) {
            c.createStatement().execute("create table processed_events (event_id uuid primary key, "
                    + "processed_at timestamp with time zone not null)");
            c.createStatement().execute("create index processed_at on processed_events (processed_at)");
            c.createStatement().execute("create table sent_emails (id uuid primary key, event_id uuid not null unique, "
                    + "order_id uuid not null, body varchar(2000), sent_at timestamp with time zone not null)");
            c.createStatement().execute("create index sent_emails_order on sent_emails (order_id)");
            MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
            var compaction = Executors.newSingleThreadScheduledExecutor();
            long[] calls = new long[3]; // count, total ns, longest ns
            if (compact) {
                compaction.scheduleWithFixedDelay(() -> {
                    long t0 = System.nanoTime();
                    if (store.compact(90, writeLimit)) {
                        store.tryCommit(); // as H2FileCompaction does: the moved pages are written at once
                    }
                    long took = System.nanoTime() - t0;
                    calls[0]++;
                    calls[1] += took;
                    calls[2] = Math.max(calls[2], took);
                }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
            }
            c.setAutoCommit(false);
            Random random = new Random(1);
            PreparedStatement inbox = c.prepareStatement("insert into processed_events values (?, ?)");
            PreparedStatement email = c.prepareStatement("insert into sent_emails values (?, ?, ?, ?, ?)");
            String body = "x".repeat(600);
            long[] latencies = new long[rate * seconds];
            long start = System.nanoTime();
            int n = 0;
            for (int s = 0; s < seconds; s++) {
                for (int i = 0; i < rate; i++) {
                    long due = start + (long) ((s + i / (double) rate) * 1e9);
                    while (System.nanoTime() < due) {
                        Thread.sleep(0, 200_000);
                    }
                    UUID eventId = key(random);
                    Timestamp now = new Timestamp(System.currentTimeMillis());
                    inbox.setObject(1, eventId);
                    inbox.setTimestamp(2, now);
                    inbox.executeUpdate();
                    email.setObject(1, key(random));
                    email.setObject(2, eventId);
                    email.setObject(3, key(random));
                    email.setString(4, body);
                    email.setTimestamp(5, now);
                    email.executeUpdate();
                    c.commit();
                    latencies[n++] = System.nanoTime() - due;
                }
                if ((s + 1) % 15 == 0) {
                    System.out.printf("%4d s: %7.1f MB, %.1f KB per commit%n", s + 1, Files.size(file) / 1e6,
                            Files.size(file) / 1024.0 / n);
                }
            }
            compaction.shutdown();
            compaction.awaitTermination(10, TimeUnit.SECONDS);
            if (compact) {
                System.out.printf("compaction: %d calls, %.2f ms each on average, longest %.1f ms%n", calls[0],
                        calls[1] / 1e6 / Math.max(1, calls[0]), calls[2] / 1e6);
            }
            long[] last = Arrays.copyOfRange(latencies, Math.max(0, n - rate * 60), n);
            Arrays.sort(last);
            System.out.printf("%s, last 60 s, due to committed: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms; "
                    + "main thread %.3f ms CPU per commit%n", args[0], last[last.length / 2] / 1e6,
                    last[(int) (last.length * 0.99)] / 1e6, last[(int) (last.length * 0.999)] / 1e6,
                    last[last.length - 1] / 1e6, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6 / n);
        }
        finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
