import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Random;
import java.util.UUID;

/**
 * What the order of keys costs an H2 commit: a consumer's inbox row and an email row per order (the shape of
 * email-service's tables), committed in batches, with random (version 4) or time-ordered (version 7) UUIDs.
 * Prints the CPU and the file growth per order over the second half of the run (the first half warms the JIT).
 *
 *   java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar load-test/micro/H2KeyOrder.java \
 *       random|ordered BATCH ORDERS
 */
public class H2KeyOrder {

    private static long millis = System.currentTimeMillis();

    static UUID key(boolean ordered, Random random) {
        if (!ordered) {
            return UUID.randomUUID();
        }
        long ms = millis++; // one id per millisecond: the layout of version 7, time first
        return new UUID((ms << 16) | 0x7000L | (random.nextInt() & 0x0fff),
                (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L);
    }

    public static void main(String[] args) throws Exception {
        boolean ordered = args[0].equals("ordered");
        int batch = Integer.parseInt(args[1]);
        int orders = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("h2-key-order");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/db;WRITE_DELAY=0" + System.getProperty("h2.settings", ""), "sa", "")) {
            c.createStatement().execute("create table processed_events (event_id uuid primary key, "
                    + "processed_at timestamp with time zone not null)");
            c.createStatement().execute("create index processed_at on processed_events (processed_at)");
            c.createStatement().execute("create table sent_emails (id uuid primary key, event_id uuid not null unique, "
                    + "order_id uuid not null, body varchar(2000), sent_at timestamp with time zone not null)");
            c.createStatement().execute("create index sent_emails_order on sent_emails (order_id)");
            c.setAutoCommit(false);
            Random random = new Random(1);
            PreparedStatement inbox = c.prepareStatement("insert into processed_events values (?, ?)");
            PreparedStatement email = c.prepareStatement("insert into sent_emails values (?, ?, ?, ?, ?)");
            String body = "x".repeat(600);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = 0, size0 = 0;
            for (int i = 0; i < 2 * orders; i += batch) {
                if (i / batch == orders / batch) {
                    cpu0 = threads.getCurrentThreadCpuTime();
                    size0 = Files.size(dir.resolve("db.mv.db"));
                }
                for (int j = 0; j < batch; j++) {
                    UUID eventId = key(ordered, random);
                    Timestamp now = new Timestamp(System.currentTimeMillis());
                    inbox.setObject(1, eventId);
                    inbox.setTimestamp(2, now);
                    inbox.executeUpdate();
                    email.setObject(1, key(ordered, random));
                    email.setObject(2, eventId);
                    email.setObject(3, key(ordered, random));
                    email.setString(4, body);
                    email.setTimestamp(5, now);
                    email.executeUpdate();
                }
                c.commit();
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long size = Files.size(dir.resolve("db.mv.db"));
            System.out.printf("%s keys, batches of %d: %.3f ms CPU per order, file +%.1f KB per order%n", args[0],
                    batch, cpu / 1e6 / orders, (size - size0) / 1024.0 / orders);
        }
        finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
