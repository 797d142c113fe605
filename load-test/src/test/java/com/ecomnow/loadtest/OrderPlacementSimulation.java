package com.ecomnow.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * {@code POST /orders} at a constant arrival rate (open workload model), then reconciliation against the consumers.
 *
 * <pre>
 * ./mvnw -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate=50 -Dduration=60
 * </pre>
 *
 * Parameters ({@code -D}): {@code baseUrl}, {@code rate} (orders/s, 50), {@code duration} (s, 60), {@code rampUp}
 * (s, 5: from 1/s to {@code rate} before the constant phase), {@code maxP99} (ms, 200), {@code reconcile} (true),
 * {@code reconcileTimeout} (s, 60), {@code emailSample} (2000), {@code emailUrl}, {@code inventoryUrl},
 * {@code analyticsUrl} (same host as baseUrl, ports 8081/8082/8083).
 * <p>
 * Fails (non-zero exit of Maven) when p99 ≥ maxP99, when fewer than 99.9 % of requests succeed, or when the
 * reconciliation in {@link #after()} finds a missing or duplicated effect.
 */
public class OrderPlacementSimulation extends Simulation {

    static final String REQUEST = "POST /orders";

    private final double rate = LoadTestConfig.positive("rate", LoadTestConfig.decimal("rate", 50));
    private final int duration = LoadTestConfig.integer("duration", 60);
    private final int rampUp = LoadTestConfig.integer("rampUp", 5);
    private final int maxP99 = LoadTestConfig.integer("maxP99", 200);
    private final boolean reconcile = LoadTestConfig.bool("reconcile", true);

    private final SystemClient system = SystemClient.fromConfig();
    private final OrderTraffic traffic = new OrderTraffic();
    private final Reconciliation reconciliation = Reconciliation.fromConfig(system);
    private Reconciliation.Baseline baseline;

    {
        ScenarioBuilder placeOrders = scenario("place orders")
                .feed(traffic.feeder())
                .exec(traffic.placeOrder(REQUEST, "/orders"));

        List<OpenInjectionStep> injection = new ArrayList<>();
        if (rampUp > 0) {
            injection.add(rampUsersPerSec(1).to(rate).during(Duration.ofSeconds(rampUp)));
        }
        injection.add(constantUsersPerSec(rate).during(Duration.ofSeconds(duration)));

        setUp(placeOrders.injectOpen(injection))
                .protocols(OrderTraffic.protocol(LoadTestConfig.baseUrl()))
                .assertions(
                        global().responseTime().percentile(99.0).lt(maxP99),
                        global().successfulRequests().percent().gte(99.9));
    }

    @Override
    public void before() {
        System.out.println(String.format(Locale.ROOT,
                "[load-test] OrderPlacementSimulation: %s; ramp 1 -> %.1f orders/s over %d s, then %.1f orders/s for %d s; p99 < %d ms",
                system.describe(), rate, rampUp, rate, duration, maxP99));
        traffic.loadCatalog(system);
        if (reconcile) {
            baseline = reconciliation.baseline();
        }
    }

    @Override
    public void after() {
        if (!reconcile) {
            System.out.println("[load-test] reconciliation skipped (-Dreconcile=false); accepted orders: " + traffic.accepted.count());
            return;
        }
        // Throwing here makes Gatling exit non-zero, so the Maven build fails (see load-test/README.md).
        reconciliation.verify(baseline, traffic.accepted);
    }
}
