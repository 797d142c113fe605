package com.ecomnow.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;

/**
 * The floor that {@code POST /orders} is measured against: the same request with body {@code {}}, through the same
 * HTTP server, JSON reader, validation and problem+json answer (400), at the same open-model rate, and nothing else:
 * no payment, no database, no broker. The distance between an order's figures and this one's, in the same run, is
 * what EcomNow's durable work costs.
 *
 * <pre>
 * ./mvnw -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.FloorSimulation -Drate=300
 * </pre>
 *
 * Parameters ({@code -D}): {@code baseUrl}, {@code rate} (requests/s, 50), {@code duration} (s, 60), {@code rampUp}
 * (s, 5), {@code maxP99} (ms, 200), {@code shareConnections}, as {@link OrderPlacementSimulation}.
 */
public class FloorSimulation extends Simulation {

    static final String REQUEST = "POST /orders {} (floor)";

    private final double rate = LoadTestConfig.positive("rate", LoadTestConfig.decimal("rate", 50));
    private final int duration = LoadTestConfig.integer("duration", 60);
    private final int rampUp = LoadTestConfig.integer("rampUp", 5);
    private final int maxP99 = LoadTestConfig.integer("maxP99", 200);

    {
        List<OpenInjectionStep> injection = new ArrayList<>();
        if (rampUp > 0) {
            injection.add(rampUsersPerSec(1).to(rate).during(Duration.ofSeconds(rampUp)));
        }
        injection.add(constantUsersPerSec(rate).during(Duration.ofSeconds(duration)));
        setUp(scenario("empty orders")
                .exec(http(REQUEST).post("/orders").body(StringBody("{}")).check(status().is(400)))
                .injectOpen(injection))
                .protocols(OrderTraffic.protocol(LoadTestConfig.baseUrl()))
                .assertions(global().responseTime().percentile(99.0).lt(maxP99),
                        global().successfulRequests().percent().gte(99.9));
    }

    @Override
    public void before() {
        System.out.println(String.format(Locale.ROOT,
                "[load-test] FloorSimulation: %s; POST /orders {} at %.1f/s for %d s", LoadTestConfig.baseUrl(), rate,
                duration));
    }
}
