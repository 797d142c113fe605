package com.ecomnow.loadtest;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.Locale;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Finding the ceiling: {@code POST /orders} in steps of increasing arrival rate (open model), no assertions. Read the
 * report's "Response Time Percentiles over Time" and "Number of requests per second" charts for the level at which
 * p99 crosses 200 ms (or errors appear).
 *
 * <pre>
 * ./mvnw -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.SteppedLoadSimulation \
 *        -DbaseUrl=http://localhost:8080 -DstartRate=20 -Dstep=20 -Dsteps=8 -DlevelDuration=15
 * </pre>
 *
 * Parameters ({@code -D}): {@code baseUrl}, {@code startRate} (orders/s of the first level, 10), {@code step}
 * (orders/s added per level, 10), {@code steps} (levels, 10), {@code levelDuration} (s per level, 10),
 * {@code levelRamp} (s of linear ramp between levels, 2).
 */
public class SteppedLoadSimulation extends Simulation {

    static final String REQUEST = "POST /orders";

    private final double startRate = LoadTestConfig.decimal("startRate", 10);
    private final double step = LoadTestConfig.positive("step", LoadTestConfig.decimal("step", 10));
    private final int steps = LoadTestConfig.integer("steps", 10);
    private final int levelDuration = LoadTestConfig.integer("levelDuration", 10);
    private final int levelRamp = LoadTestConfig.integer("levelRamp", 2);

    private final SystemClient system = SystemClient.fromConfig();
    private final OrderTraffic traffic = new OrderTraffic();

    {
        ScenarioBuilder placeOrders = scenario("stepped: place orders")
                .feed(traffic.feeder())
                .exec(traffic.placeOrder(REQUEST, "/orders"));

        setUp(placeOrders.injectOpen(
                        incrementUsersPerSec(step)
                                .times(steps)
                                .eachLevelLasting(Duration.ofSeconds(levelDuration))
                                .separatedByRampsLasting(Duration.ofSeconds(levelRamp))
                                .startingFrom(startRate)))
                .protocols(OrderTraffic.protocol(LoadTestConfig.baseUrl()));
    }

    @Override
    public void before() {
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i < steps; i++) {
            levels.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", startRate + i * step));
        }
        System.out.println(String.format(Locale.ROOT,
                "[load-test] SteppedLoadSimulation: %s; levels [%s] orders/s, %d s each, %d s ramps (about %d s)",
                LoadTestConfig.baseUrl(), levels, levelDuration, levelRamp, steps * levelDuration + (steps - 1) * levelRamp));
        traffic.loadCatalog(system);
    }
}
