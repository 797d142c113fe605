package com.ecomnow.loadtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * After the load: did every accepted order reach every consumer exactly once?
 * <ul>
 * <li>analytics: {@code orders} after minus before equals the accepted orders (fewer: missing, more: applied twice);</li>
 * <li>inventory: per SKU, units ordered = decrease of {@code available} + increase of {@code backordered};</li>
 * <li>email: {@code GET /emails?orderId=} returns exactly one email, for every accepted order (or a random sample of
 * {@code emailSample} of them when there are more).</li>
 * </ul>
 * The consumers are eventually consistent, so each check waits (all within {@code reconcileTimeout} seconds) for the
 * numbers to reach the expected value, and fails at once when one goes beyond it.
 *
 * <p>A request that got no answer (client timeout, closed connection) or 503 {@code order-outcome-unknown} may
 * have created its order anyway. When there were such requests, order-api's own count decides how many orders the
 * consumers must have (it must lie between the 201s and the 201s plus the unanswered), and inventory may hold up to
 * the unanswered orders' units more per SKU, since which of them exist is unknown. Without unanswered requests
 * every check is exact.
 */
final class Reconciliation {

    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * Once analytics has caught up, look again after this long: a duplicate applied late would show here. Also the
     * gap between the two equal inventory readings the baseline waits for.
     */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    record Baseline(long analyticsOrders, long apiOrders, Map<String, long[]> inventory) {
    }

    private final SystemClient system;
    private final Duration timeout;
    private final int emailSample;
    private final List<String> problems = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    Reconciliation(SystemClient system, Duration timeout, int emailSample) {
        this.system = system;
        this.timeout = timeout;
        this.emailSample = emailSample;
    }

    static Reconciliation fromConfig(SystemClient system) {
        int timeoutSeconds = LoadTestConfig.integer("reconcileTimeout", 60);
        int emailSample = LoadTestConfig.integer("emailSample", 2000);
        return new Reconciliation(system, Duration.ofSeconds(timeoutSeconds), emailSample);
    }

    /**
     * The state before the load. Waits first (bounded) until analytics has recorded every order order-api holds and
     * inventory's stock has stopped moving, so that a backlog left by an earlier run is not counted as this run's.
     * Inventory has no order count to compare, and it can lag analytics by seconds after an overloaded warm-up: a
     * baseline taken while it still drained counted the warm-up's last orders as this run's ("applied twice").
     */
    Baseline baseline() {
        Instant deadline = Instant.now().plus(timeout);
        long apiOrders = system.totalOrders();
        long analyticsOrders = system.analyticsSummary().path("orders").asLong();
        while (analyticsOrders < apiOrders && Instant.now().isBefore(deadline)) {
            sleep(POLL);
            apiOrders = system.totalOrders();
            analyticsOrders = system.analyticsSummary().path("orders").asLong();
        }
        if (analyticsOrders != apiOrders) {
            System.out.println("[load-test] WARNING: before the load, order-api holds " + apiOrders
                    + " orders but analytics has " + analyticsOrders
                    + " facts; a backlog still draining would be counted as this run's");
        }
        Map<String, long[]> inventory = quietInventory(deadline);
        System.out.println("[load-test] baseline: order-api " + apiOrders + " orders, analytics " + analyticsOrders
                + " orders, inventory of " + inventory.size() + " SKUs");
        return new Baseline(analyticsOrders, apiOrders, inventory);
    }

    /** The stock once two readings {@link #SETTLE} apart agree, or the last reading at the deadline. */
    private Map<String, long[]> quietInventory(Instant deadline) {
        Map<String, long[]> previous = system.inventory();
        while (Instant.now().isBefore(deadline)) {
            sleep(SETTLE);
            Map<String, long[]> now = system.inventory();
            if (sameStock(previous, now)) {
                return now;
            }
            previous = now;
        }
        System.out.println("[load-test] WARNING: inventory's stock was still moving " + timeout.toSeconds()
                + " s after the start; a backlog still draining would be counted as this run's");
        return previous;
    }

    private static boolean sameStock(Map<String, long[]> a, Map<String, long[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(entry -> Arrays.equals(entry.getValue(), b.get(entry.getKey())));
    }

    /**
     * With unanswered requests, order-api may still be committing some of them after the load ends: read its count
     * until two reads in a row agree, or a count read too early makes every consumer look as if it applied orders
     * twice.
     */
    private long settledStoredOrders(Instant deadline) {
        long last = storedOrders(deadline);
        while (Instant.now().isBefore(deadline)) {
            sleep(POLL);
            long now = storedOrders(deadline);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /**
     * order-api's own count, asked again until the deadline: right after an overload it may not answer in time, and
     * without its count the orders of unanswered requests cannot be told from duplicates.
     */
    private long storedOrders(Instant deadline) {
        while (true) {
            try {
                return system.totalOrders();
            }
            catch (RuntimeException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                sleep(POLL);
            }
        }
    }

    /** Runs every check, prints the outcome, and throws if any check failed. */
    void verify(Baseline before, AcceptedOrders accepted) {
        Instant deadline = Instant.now().plus(timeout);
        long accepted201 = accepted.count();
        long unanswered = accepted.unanswered();
        line("accepted orders (201)", accepted201 + (accepted.withoutId() > 0 ? " (" + accepted.withoutId() + " without a readable id)" : ""));
        if (unanswered > 0) {
            line("unanswered requests", unanswered
                    + " (no HTTP answer, or 503 order-outcome-unknown: the order may or may not exist)");
        }
        long expected = accepted201;
        Map<String, Long> slack = Map.of();
        try {
            long apiDelta = (unanswered > 0 ? settledStoredOrders(deadline) : storedOrders(deadline))
                    - before.apiOrders();
            line("order-api stored", apiDelta + " new orders"
                    + (apiDelta == accepted201 ? "" : "  (differs from the 201s seen: unanswered requests or other clients)"));
            if (unanswered > 0 && apiDelta >= accepted201 && apiDelta <= accepted201 + unanswered) {
                expected = apiDelta;
                slack = apiDelta > accepted201 ? accepted.unansweredUnitsBySku() : Map.of();
            } else if (unanswered > 0) {
                fail("order-api", apiDelta + " new orders stored, outside " + accepted201 + " (the 201s) to "
                        + (accepted201 + unanswered) + " (the 201s and every unanswered request)");
            }
        } catch (RuntimeException e) {
            line("order-api stored", "unknown: " + e.getMessage());
        }

        JsonNode summary = SystemClient.JSON.createObjectNode();
        List<Long> emailLags = new ArrayList<>();
        try {
            summary = checkAnalytics(before, expected, deadline);
            checkInventory(before, accepted.unitsBySku(), slack, deadline);
            emailLags = checkEmails(accepted.orders(), deadline);
        } catch (RuntimeException e) {
            fail("reconciliation", "aborted: " + e.getMessage());
        }

        JsonNode lag = summary.path("lagMillis");
        System.out.println();
        System.out.println("================================ EcomNow reconciliation ================================");
        lines.forEach(System.out::println);
        System.out.println("----------------------------------------------------------------------------------------");
        System.out.println(String.format(Locale.ROOT,
                "END-TO-END FAN-OUT LAG (analytics, order placed -> fact recorded): p50=%s ms  p95=%s ms  p99=%s ms  max=%s ms",
                number(lag.path("p50")), number(lag.path("p95")), number(lag.path("p99")), number(lag.path("max"))));
        System.out.println("  (analytics' own figures, over ALL " + summary.path("orders").asLong()
                + " facts in the service, not only this run's)");
        if (!emailLags.isEmpty()) {
            Collections.sort(emailLags);
            System.out.println(String.format(Locale.ROOT,
                    "END-TO-END LAG, THIS RUN ONLY (email sentAt - order createdAt, %d orders): p50=%d ms  p95=%d ms  p99=%d ms  max=%d ms",
                    emailLags.size(), percentile(emailLags, 50), percentile(emailLags, 95), percentile(emailLags, 99),
                    emailLags.get(emailLags.size() - 1)));
        }
        System.out.println("----------------------------------------------------------------------------------------");
        if (problems.isEmpty()) {
            System.out.println("RECONCILIATION PASSED: every accepted order was applied exactly once by every consumer");
            System.out.println("========================================================================================");
        } else {
            System.out.println("RECONCILIATION FAILED:");
            problems.forEach(p -> System.out.println("  - " + p));
            System.out.println("========================================================================================");
            throw new IllegalStateException("reconciliation failed: " + String.join("; ", problems));
        }
    }

    private JsonNode checkAnalytics(Baseline before, long expected, Instant deadline) {
        JsonNode summary = null;
        while (true) {
            try {
                summary = system.analyticsSummary();
            } catch (IllegalStateException unreachable) {
                if (!Instant.now().isBefore(deadline)) {
                    fail("analytics", "could not read the summary within " + timeout.toSeconds() + " s: " + unreachable.getMessage());
                    return summary == null ? SystemClient.JSON.createObjectNode() : summary;
                }
                sleep(POLL);
                continue;
            }
            long delta = summary.path("orders").asLong() - before.analyticsOrders();
            if (delta > expected) {
                fail("analytics", "orders grew by " + delta + " for " + expected
                        + " accepted orders: " + (delta - expected) + " applied twice (or placed by another client)");
                return summary;
            }
            if (delta == expected) {
                sleep(SETTLE);
                JsonNode settled = system.analyticsSummary();
                long settledDelta = settled.path("orders").asLong() - before.analyticsOrders();
                if (settledDelta == expected) {
                    ok("analytics", "orders " + before.analyticsOrders() + " -> " + settled.path("orders").asLong()
                            + " (+" + settledDelta + ") = accepted");
                } else {
                    fail("analytics", "orders reached +" + expected + ", then +" + settledDelta
                            + ": applied twice (or placed by another client)");
                }
                return settled;
            }
            if (!Instant.now().isBefore(deadline)) {
                fail("analytics", "orders grew by only " + delta + " for " + expected + " accepted orders within "
                        + timeout.toSeconds() + " s: " + (expected - delta) + " missing");
                return summary;
            }
            sleep(POLL);
        }
    }

    /** {@code slack}: per SKU, units that may or may not have been ordered (unanswered requests). */
    private void checkInventory(Baseline before, Map<String, Long> ordered, Map<String, Long> slack,
            Instant deadline) {
        long orderedUnits = ordered.values().stream().mapToLong(Long::longValue).sum();
        while (true) {
            Map<String, long[]> now;
            try {
                now = system.inventory();
            } catch (IllegalStateException unreachable) {
                if (!Instant.now().isBefore(deadline)) {
                    fail("inventory", "could not read the stock within " + timeout.toSeconds() + " s: " + unreachable.getMessage());
                    return;
                }
                sleep(POLL);
                continue;
            }
            TreeSet<String> skus = new TreeSet<>(now.keySet());
            skus.addAll(ordered.keySet());
            List<String> over = new ArrayList<>();
            List<String> under = new ArrayList<>();
            long taken = 0;
            long backordered = 0;
            for (String sku : skus) {
                long[] was = before.inventory().getOrDefault(sku, new long[2]);
                long[] is = now.getOrDefault(sku, new long[2]);
                long fromStock = was[0] - is[0];
                long onBackorder = is[1] - was[1];
                taken += fromStock;
                backordered += onBackorder;
                long applied = fromStock + onBackorder;
                long expected = ordered.getOrDefault(sku, 0L);
                long atMost = expected + slack.getOrDefault(sku, 0L);
                if (applied > atMost) {
                    over.add(sku + " " + applied + " > " + atMost);
                } else if (applied < expected) {
                    under.add(sku + " " + applied + " < " + expected);
                }
            }
            String totals = orderedUnits + " units ordered; available -" + taken + ", backordered +" + backordered;
            if (!over.isEmpty()) {
                fail("inventory", totals + "; more than ordered (applied twice?): " + over);
                return;
            }
            if (under.isEmpty()) {
                ok("inventory", totals + (slack.isEmpty() ? "; every SKU matches"
                        : "; every SKU within the units of the 201s and of the unanswered requests"));
                return;
            }
            if (!Instant.now().isBefore(deadline)) {
                fail("inventory", totals + "; missing after " + timeout.toSeconds() + " s: " + under);
                return;
            }
            sleep(POLL);
        }
    }

    /** Returns the lag (email sentAt - order createdAt, ms) of the checked orders. */
    private List<Long> checkEmails(List<AcceptedOrders.Order> orders, Instant deadline) {
        List<AcceptedOrders.Order> sample = new ArrayList<>(orders);
        if (sample.size() > emailSample) {
            Collections.shuffle(sample);
            sample = new ArrayList<>(sample.subList(0, emailSample));
        }
        String scope = sample.size() == orders.size() ? "all " + orders.size() : "random " + sample.size() + " of " + orders.size();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        List<AcceptedOrders.Order> pending = sample;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            while (true) {
                List<Future<AcceptedOrders.Order>> results = new ArrayList<>();
                for (AcceptedOrders.Order order : pending) {
                    results.add(pool.submit(() -> {
                        JsonNode emails = system.emailsFor(order.id());
                        if (emails.size() == 0) {
                            return order; // not sent yet
                        }
                        if (emails.size() > 1) {
                            duplicates.add(order.id() + " (" + emails.size() + " emails)");
                        }
                        Instant created = order.createdAt() == null ? null : Instant.parse(order.createdAt());
                        Instant sent = SystemClient.instant(emails.get(0).path("sentAt"));
                        if (created != null && sent != null) {
                            lags.add(Duration.between(created, sent).toMillis());
                        }
                        return null;
                    }));
                }
                List<AcceptedOrders.Order> stillPending = new ArrayList<>();
                for (Future<AcceptedOrders.Order> result : results) {
                    AcceptedOrders.Order order = result.get();
                    if (order != null) {
                        stillPending.add(order);
                    }
                }
                pending = stillPending;
                if (pending.isEmpty() || !Instant.now().isBefore(deadline)) {
                    break;
                }
                sleep(POLL);
            }
        } catch (Exception e) {
            fail("email", "could not check: " + e);
            return lags;
        } finally {
            pool.shutdownNow();
        }
        if (!duplicates.isEmpty()) {
            fail("email", duplicates.size() + " of " + scope + " checked orders got more than one email, e.g. "
                    + duplicates.stream().limit(5).toList());
        }
        if (!pending.isEmpty()) {
            fail("email", pending.size() + " of " + scope + " checked orders got no email within " + timeout.toSeconds()
                    + " s, e.g. " + pending.stream().limit(5).map(AcceptedOrders.Order::id).toList());
        }
        if (duplicates.isEmpty() && pending.isEmpty()) {
            ok("email", scope + " checked orders got exactly one email");
        }
        return lags;
    }

    private void ok(String check, String detail) {
        line(check, "OK    " + detail);
    }

    private void fail(String check, String detail) {
        line(check, "FAIL  " + detail);
        problems.add(check + ": " + detail);
    }

    private void line(String label, String value) {
        lines.add(String.format(Locale.ROOT, "%-22s: %s", label, value));
    }

    private static String number(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "n/a";
        }
        return node.isIntegralNumber() ? Long.toString(node.asLong()) : String.format(Locale.ROOT, "%.0f", node.asDouble());
    }

    /** Nearest-rank percentile of a sorted list. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reconciling", e);
        }
    }
}
