#!/usr/bin/env bash
# The compose part of CI: docker-compose.yml brought up for real, on a machine with no registry, and checked
# with counts. Called by .ci/run; runs on its own too:  bash .ci/compose/run.sh
#
# 1. install and start a Docker engine that leaves the host's network alone (engine.sh)
# 2. build local stand-ins for the official images this machine cannot pull (stand-ins/)
# 3. the user's docker-compose.yml + docker-compose.stand-ins.yml (images only), up --wait
# 4. checks.sh: order flow, RabbitMQ permissions, Prometheus and the dashboard's queries, scale-out, broker stop,
#    messages kept across down/up; then the workshop's labs as written (docs/workshop/verify-labs.py compose)
# 5. down -v, and the engine stopped
#
# The passwords are made up for the run, which also proves that .env's values (or the shell's) are the only
# source of them.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=.ci/compose
ENGINE=$HERE/engine.sh
T0=$SECONDS
step() { echo "== [compose $((SECONDS - T0))s] $*"; }

export COMPOSE_PROJECT_NAME=ecomnow-ci
export BUILD_IMAGE=local/jdk17 RUNTIME_IMAGE=local/jre17 RABBITMQ_IMAGE=local/rabbitmq BUILD_NETWORK=host
# The APIs and Prometheus on their usual ports, as the workshop's labs name them (nothing else uses them while this
# runs); RabbitMQ's UI, Mailpit and Grafana moved away from ports this machine may use.
export ORDER_API_PORT=8080 EMAIL_SERVICE_PORT=8081 INVENTORY_SERVICE_PORT=8082 ANALYTICS_SERVICE_PORT=8083
export RABBITMQ_MANAGEMENT_PORT=25673 MAILPIT_PORT=18025 GRAFANA_PORT=13000 PROMETHEUS_PORT=9090
for name in $(grep -o '^[A-Z_]*_PASSWORD' .env); do export "$name=ci-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"; done
export COMPOSE_FILE=docker-compose.yml:$HERE/docker-compose.stand-ins.yml

step "engine installed; static checks, which need no engine"
"$ENGINE" install
eval "$("$ENGINE" env)"   # the compose plugin; the engine's socket is not used before it starts
docker compose config -q
docker compose -f docker-compose.yml config -q
python3 "$HERE/check-dashboard.py" static

step "messaging and the modules it needs, installed in ~/.m2"
# The AMQP probe's classpath (checks.sh) and the Testcontainers step (below) resolve messaging's dependencies from
# the local repository, and test-support is one of them: a fresh machine has none of this project's artifacts.
./mvnw -q -B -ntp -DskipTests -pl messaging -am install

step "engine"
"$ENGINE" start
# What checks.sh and the labs print goes to this file too: on a failure it is printed again last, after the
# containers' logs, since CI keeps only the end of the output.
STEPS_OUT=$(mktemp)
finish() {
  local status=$?
  if (( status != 0 )); then   # what a failed check needs to be understood: restarts, OOM kills, the last logs
    docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | xargs -r docker inspect \
      -f '{{.Name}} {{.State.Status}} restarts={{.RestartCount}} oom-killed={{.State.OOMKilled}}' || true
    docker compose logs --no-color --tail 15 2>/dev/null || true
    echo "== the failed step's last output"; tail -40 "$STEPS_OUT"
  fi
  step "down -v"
  docker compose --profile load-test down -v --remove-orphans >/dev/null 2>&1 || true
  local left; left=$(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"; \
    docker volume ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"; \
    docker network ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME")
  "$ENGINE" stop
  if [[ -n "$left" ]]; then echo "down -v left containers, volumes or networks behind: $left"; status=1; fi
  if pgrep -x dockerd >/dev/null; then echo "a dockerd is still running"; status=1; fi
  step "finished with status $status"
  exit "$status"
}
trap finish EXIT

step "stand-in images"
"$ENGINE" base-image
stand_in() { # directory, tag
  docker build -q --network host -t "$2" "$HERE/stand-ins/$1" >/dev/null
}
stand_in jdk local/jdk17
stand_in jre local/jre17
stand_in mailpit local/mailpit
stand_in rabbitmq local/rabbitmq
stand_in postgres local/postgres
stand_in prometheus local/prometheus
stand_in nginx local/nginx

step "build (after removing whatever an interrupted run left)"
docker compose --profile load-test down -v --remove-orphans >/dev/null 2>&1
docker compose --progress quiet --profile load-test build

step "up --wait"
docker compose up -d --wait --wait-timeout 420 >/dev/null 2>&1 \
  || { docker compose ps -a; docker compose logs --tail 40; exit 1; }
docker compose ps --format 'table {{.Service}}\t{{.Status}}'

step "checks"
bash "$HERE/checks.sh" 2>&1 | tee -a "$STEPS_OUT"

step "the workshop's labs, with Docker"
python3 docs/workshop/verify-labs.py compose 2>&1 | tee -a "$STEPS_OUT"

step "Testcontainers: the tests' broker choice 2 (RabbitMQ in a container), on the RabbitMQ stand-in"
# Testcontainers' own image-name substitution: rabbitmq:4-management becomes local/rabbitmq:4-management. No Ryuk
# (its image cannot be pulled here; Testcontainers removes the container when the JVM exits). The host override:
# this machine is itself a container (/.dockerenv), and Testcontainers would look for the default bridge's gateway.
docker tag local/rabbitmq local/rabbitmq:4-management
docker network rm ecomnow-testcontainers >/dev/null 2>&1 || true
docker network create ecomnow-testcontainers >/dev/null   # this engine has no default bridge network
log=$(mktemp)
env -u SPRING_RABBITMQ_HOST -u SPRING_RABBITMQ_PORT -u SPRING_RABBITMQ_USERNAME -u SPRING_RABBITMQ_PASSWORD \
  ECOMNOW_TEST_BROKER=testcontainers TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX=local/ TESTCONTAINERS_RYUK_DISABLED=true \
  TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 ECOMNOW_TEST_DOCKER_NETWORK=ecomnow-testcontainers \
  ./mvnw -B -ntp -o -pl messaging test > "$log" 2>&1 || { tail -80 "$log" | tee -a "$STEPS_OUT"; exit 1; }
grep -E 'AMQP broker for this test run|Tests run:.*Fail' "$log" | tail -2
docker network rm ecomnow-testcontainers >/dev/null
