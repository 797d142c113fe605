# The four EcomNow services, one image each, from one build; the target names the service:
#   docker build --target order-api -t ecomnow/order-api .
# docker compose builds them all (docker-compose.yml). The base images are build arguments so that a machine
# without Docker Hub can build from its own (CI does: .ci/compose/).
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# Build stage, shared by every target: BuildKit runs it once for all of them.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# The Maven repository (and the wrapper's Maven) live in a cache mount: a rebuild downloads nothing new.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -DskipTests package -pl order-api,email-service,inventory-service,analytics-service,load-test -am \
    && ./mvnw -B -ntp -q -pl load-test dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=/out/load-test/lib \
    && cp -r load-test/target/test-classes /out/load-test/classes \
    && for svc in order-api email-service inventory-service analytics-service; do \
         java -Djarmode=tools -jar "$svc/target/$svc-1.0.0-SNAPSHOT.jar" extract --destination "/out/$svc" >/dev/null \
         && mv "/out/$svc/$svc-1.0.0-SNAPSHOT.jar" "/out/$svc/app.jar"; \
       done

# What every service image has: a JRE, a user without privileges, the port, the health check.
FROM ${RUNTIME_IMAGE} AS service
RUN groupadd --system ecomnow && useradd --system --gid ecomnow --no-create-home --home-dir /app ecomnow
WORKDIR /app
USER ecomnow
# Every service listens on 8080 inside its container; JAVA_OPTS are the JVM's options.
ENV SERVER_PORT=8080 JAVA_OPTS="" MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true
EXPOSE 8080
# Healthy = started and taking requests (/actuator/health/readiness), not "the broker is up": order-api keeps
# taking orders while RabbitMQ is away, and /actuator/health still shows the broker's state. Needs only bash,
# which the official image and CI's stand-in both have (no curl in the image).
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=3 CMD \
    bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"status\":\"UP\"" <&3'
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]

# The extracted jar: its dependencies in lib/ as separate files start faster than a nested fat jar.
FROM service AS order-api
COPY --from=build /out/order-api/ /app/

FROM service AS email-service
COPY --from=build /out/email-service/ /app/

FROM service AS inventory-service
COPY --from=build /out/inventory-service/ /app/

FROM service AS analytics-service
COPY --from=build /out/analytics-service/ /app/

# docker compose --profile load-test run --rm load-test: the Gatling simulations and their dependencies, run by
# Gatling's own launcher; the HTML report goes to /reports.
FROM ${RUNTIME_IMAGE} AS load-test
WORKDIR /load-test
COPY --from=build /out/load-test/ /load-test/
ENV JAVA_OPTS="" SIMULATION=com.ecomnow.loadtest.OrderPlacementSimulation
# The --add-opens are what Gatling's own launchers give its JVM.
ENTRYPOINT ["sh", "-c", "exec java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED $JAVA_OPTS -cp '/load-test/classes:/load-test/lib/*' io.gatling.app.Gatling -s \"$SIMULATION\" -rf /reports"]
