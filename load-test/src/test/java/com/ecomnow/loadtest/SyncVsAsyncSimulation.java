package com.ecomnow.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The case study's comparison, in one run: the same orders, at the same constant rate, side by side, to
 * <ul>
 * <li>{@code POST /orders}: stores the order and its event and answers; the consumers follow through RabbitMQ;</li>
 * <li>{@code POST /sync/orders}: the anti-pattern, calling email, inventory and analytics over HTTP one after another
 * before answering.</li>
 * </ul>
 * Each is its own scenario and its own named request, so the report shows both. Only the async request has an
 * assertion (its success rate); the sync one is measured, not judged.
 *
 * <pre>
 * ./mvnw -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.SyncVsAsyncSimulation \
 *        -DbaseUrl=http://localhost:8080 -Drate=5 -Dduration=30
 * </pre>
 *
 * Parameters ({@code -D}): {@code baseUrl}, {@code rate} (orders/s for each of the two, 5), {@code duration} (s, 30),
 * {@code variants} ({@code async,sync}; {@code async} alone runs only the async half), {@code adminPassword} (and
 * {@code adminUser}, {@code admin}) when the services need credentials for {@code /sync} (docker compose).
 */
public class SyncVsAsyncSimulation extends Simulation {

    static final String ASYNC = "async: POST /orders";
    static final String SYNC = "sync: POST /sync/orders";

    private final double rate = LoadTestConfig.positive("rate", LoadTestConfig.decimal("rate", 5));
    private final int duration = LoadTestConfig.integer("duration", 30);
    private final Set<String> variants = Set.of(LoadTestConfig.string("variants", "async,sync").toLowerCase(Locale.ROOT).split("\\s*,\\s*"));

    private final SystemClient system = SystemClient.fromConfig();
    private final OrderTraffic traffic = new OrderTraffic();

    {
        List<PopulationBuilder> populations = new ArrayList<>();
        List<Assertion> assertions = new ArrayList<>();
        if (variants.contains("async")) {
            ScenarioBuilder async = scenario(ASYNC).feed(traffic.feeder()).exec(traffic.placeOrder(ASYNC, "/orders"));
            populations.add(async.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration))));
            assertions.add(details(ASYNC).successfulRequests().percent().gte(99.9));
        }
        if (variants.contains("sync")) {
            ScenarioBuilder sync = scenario(SYNC).feed(traffic.feeder())
                    .exec(traffic.placeOrder(SYNC, "/sync/orders", LoadTestConfig.adminAuthorization()));
            populations.add(sync.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration))));
        }
        if (populations.isEmpty()) {
            throw new IllegalArgumentException("-Dvariants must name async, sync or both, got " + variants);
        }
        setUp(populations)
                .protocols(OrderTraffic.protocol(LoadTestConfig.baseUrl()))
                .assertions(assertions);
    }

    @Override
    public void before() {
        System.out.println(String.format(Locale.ROOT, "[load-test] SyncVsAsyncSimulation: %s; %s at %.1f orders/s each for %d s",
                LoadTestConfig.baseUrl(), variants, rate, duration));
        traffic.loadCatalog(system);
    }
}
