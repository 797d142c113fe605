#!/usr/bin/env bash
# Starts EcomNow on this machine: the embedded broker (unless a broker already answers), order-api and the three
# consumer services, each as its own JVM. Ctrl-C stops what it started.
#
#   ./run-local.sh           build what is missing or stale, then start everything
#   ./run-local.sh --reset   delete the local data (databases, broker store) first
#   ./run-local.sh --aot-train
#                            Java 25+: record a JDK AOT cache per service while it runs; put load on it, then
#                            stop it: each service writes <svc>/target/aot/<svc>.aot as it exits. Later runs use
#                            the caches by themselves (faster start and warm-up) until the jar is rebuilt.
#
# Needs Java 17+ and curl.
# Environment: ECOMNOW_DATA_DIR (default ./data), ECOMNOW_LOG_DIR (default ./logs), ORDER_API_PORT etc.,
# SPRING_RABBITMQ_HOST / SPRING_RABBITMQ_PORT (default 127.0.0.1:5672), HEALTH_TIMEOUT seconds (default 180),
# JAVA_HOME (which Java runs everything), ECOMNOW_JAVA_OPTS (JVM options for the four services).
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR=${ECOMNOW_DATA_DIR:-./data}
LOG_DIR=${ECOMNOW_LOG_DIR:-./logs}
BROKER_HOST=${SPRING_RABBITMQ_HOST:-127.0.0.1}
BROKER_PORT=${SPRING_RABBITMQ_PORT:-5672}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-180}
VERSION=1.0.0-SNAPSHOT
# Consumers first: their queues must exist before order-api's first event (see README, Reliability).
SERVICES=(email-service:${EMAIL_SERVICE_PORT:-8081} inventory-service:${INVENTORY_SERVICE_PORT:-8082}
          analytics-service:${ANALYTICS_SERVICE_PORT:-8083} order-api:${ORDER_API_PORT:-8080})
BROKER_JAR=broker/target/ecomnow-broker.jar

RESET=false
AOT_TRAIN=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reset) RESET=true ;;
    --aot-train) AOT_TRAIN=true ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
  shift
done
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v "$JAVA" >/dev/null || { echo "Java 17 or newer is needed (on the PATH, or JAVA_HOME)." >&2; exit 1; }
read -r -a JAVA_OPTS <<< "${ECOMNOW_JAVA_OPTS:-}"
command -v curl >/dev/null || { echo "curl is needed to check the services' health." >&2; exit 1; }

LOCK="$DATA_DIR/run-local.pid"
# One run at a time: a second one would collide on the ports (and --reset would pull its data away).
if [[ -f "$LOCK" ]] && kill -0 "$(cat "$LOCK")" 2>/dev/null; then
  echo "EcomNow is already running from this directory (run-local.sh pid $(cat "$LOCK")). Stop it with Ctrl-C there." >&2
  exit 1
fi
if $RESET; then
  echo "Deleting local data in $DATA_DIR"
  rm -rf "$DATA_DIR"
fi

mkdir -p "$DATA_DIR" "$LOG_DIR"
export ECOMNOW_DATA_DIR="$DATA_DIR"

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

for entry in "${SERVICES[@]}"; do
  port=${entry#*:}
  if port_open 127.0.0.1 "$port"; then
    echo "Port $port is already in use: is EcomNow (or something else) running? Stop it first." >&2
    exit 1
  fi
done
echo $$ > "$LOCK"

# Build when a jar is missing or older than any source or pom.
jars=("$BROKER_JAR")
for entry in "${SERVICES[@]}"; do svc=${entry%%:*}; jars+=("$svc/target/$svc-$VERSION.jar"); done
stale=false
for jar in "${jars[@]}"; do
  if [[ ! -f "$jar" ]] || [[ -n "$(find . -path ./data -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' -o -name 'pom.xml' \) -newer "$jar" -print -quit)" ]]; then
    stale=true; break
  fi
done
if $stale; then
  echo "Building (./mvnw package -DskipTests), this takes a minute the first time..."
  ./mvnw -q -B -DskipTests package
fi

PIDS=()
NAMES=()
stop_all() {
  trap "" INT TERM; trap - EXIT  # a second Ctrl-C must not cut the clean-up short
  if [[ ${#PIDS[@]} -gt 0 ]]; then
    echo; echo "Stopping ${NAMES[*]}..."
    # Services first and the broker last, so the services can finish in-flight messages.
    for ((i=${#PIDS[@]}-1; i>=0; i--)); do
      [[ "${NAMES[$i]}" == broker ]] && continue
      kill -TERM "${PIDS[$i]}" 2>/dev/null || true
    done
    for ((i=${#PIDS[@]}-1; i>=0; i--)); do
      if [[ "${NAMES[$i]}" == broker ]]; then kill -TERM "${PIDS[$i]}" 2>/dev/null || true; fi
      # A training run writes its AOT cache on the way out, which takes a while.
      for _ in $(seq 1 $($AOT_TRAIN && echo 360 || echo 30)); do kill -0 "${PIDS[$i]}" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "${PIDS[$i]}" 2>/dev/null || true
    done
  fi
  rm -f "$LOCK"
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

# The JDK AOT cache (JEP 483/514/515, Java 25+) keeps classes loaded and linked, and method profiles, from a
# training run. It only works with the extracted form of a Spring Boot jar (java -Djarmode=tools ... extract).
aot_supported() { # no pipe into grep -q: with pipefail, java's SIGPIPE would make a match look like a failure
  local flags; flags=$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null) || true
  [[ "$flags" == *" AOTCacheOutput "* ]]
}
if $AOT_TRAIN && ! aot_supported; then
  echo "--aot-train needs Java 25 or newer (set JAVA_HOME); $("$JAVA" -version 2>&1 | head -1)" >&2; exit 1
fi
AOT_USABLE=false
if ! $AOT_TRAIN && aot_supported; then AOT_USABLE=true; fi

service_command() { # svc -> the java command line for it, in SERVICE_CMD
  local svc=$1 jar="$1/target/$1-$VERSION.jar" aot="$1/target/aot"
  SERVICE_CMD=("$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"})
  if $AOT_TRAIN; then
    rm -rf "$aot"
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$aot/app" > /dev/null
    SERVICE_CMD+=("-XX:AOTCacheOutput=$aot/$svc.aot" -jar "$aot/app/$svc-$VERSION.jar")
  elif $AOT_USABLE && [[ -f "$aot/$svc.aot" && "$aot/$svc.aot" -nt "$jar" ]]; then
    SERVICE_CMD+=("-XX:AOTCache=$aot/$svc.aot" -jar "$aot/app/$svc-$VERSION.jar")
  else
    SERVICE_CMD+=(-jar "$jar")
  fi
}

start() { # name, log, command...
  local name=$1 log=$2; shift 2
  "$@" > "$log" 2>&1 &
  PIDS+=($!); NAMES+=("$name")
  echo "  started $name (pid $!), log: $log"
}

if port_open "$BROKER_HOST" "$BROKER_PORT"; then
  echo "A broker already answers on $BROKER_HOST:$BROKER_PORT: using it."
else
  echo "Starting the embedded broker on $BROKER_HOST:$BROKER_PORT (store: $DATA_DIR/broker)"
  start broker "$LOG_DIR/broker.log" \
    env ECOMNOW_BROKER_PORT="$BROKER_PORT" ECOMNOW_BROKER_BIND="$BROKER_HOST" "$JAVA" -jar "$BROKER_JAR"
  for _ in $(seq 1 60); do port_open "$BROKER_HOST" "$BROKER_PORT" && break; sleep 1; done
  port_open "$BROKER_HOST" "$BROKER_PORT" || { echo "The broker did not start; last lines of $LOG_DIR/broker.log:"; tail -20 "$LOG_DIR/broker.log"; exit 1; }
fi

for entry in "${SERVICES[@]}"; do
  svc=${entry%%:*}
  service_command "$svc"
  start "$svc" "$LOG_DIR/$svc.log" "${SERVICE_CMD[@]}"
  [[ "${SERVICE_CMD[*]}" == *-XX:AOTCache=* ]] && echo "    (with its AOT cache $svc/target/aot/$svc.aot)"
done

printf "Waiting for every /actuator/health to be UP (timeout %ss) " "$HEALTH_TIMEOUT"
deadline=$((SECONDS + HEALTH_TIMEOUT))
pending=("${SERVICES[@]}")
while [[ ${#pending[@]} -gt 0 ]]; do
  still=()
  for entry in "${pending[@]}"; do
    svc=${entry%%:*}; port=${entry#*:}
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      printf " %s:UP" "$svc"
    else
      still+=("$entry")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  [[ ${#pending[@]} -eq 0 ]] && break
  for entry in "${pending[@]}"; do
    svc=${entry%%:*}
    for i in "${!NAMES[@]}"; do
      if [[ "${NAMES[$i]}" == "$svc" ]] && ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
        echo; echo "$svc exited; last lines of $LOG_DIR/$svc.log:"; tail -25 "$LOG_DIR/$svc.log"; exit 1
      fi
    done
  done
  if (( SECONDS > deadline )); then
    echo; for entry in "${pending[@]}"; do
      svc=${entry%%:*}; echo "$svc did not come up; last lines of $LOG_DIR/$svc.log:"; tail -25 "$LOG_DIR/$svc.log"
    done
    exit 1
  fi
  printf "."; sleep 2
done
echo

cat <<EOF

EcomNow is up.
  order-api          http://localhost:${ORDER_API_PORT:-8080}/orders       (catalog: /products)
  email-service      http://localhost:${EMAIL_SERVICE_PORT:-8081}/emails
  inventory-service  http://localhost:${INVENTORY_SERVICE_PORT:-8082}/inventory
  analytics-service  http://localhost:${ANALYTICS_SERVICE_PORT:-8083}/analytics/summary
  logs               $LOG_DIR/

Place an order:
  curl -i -X POST localhost:${ORDER_API_PORT:-8080}/orders -H 'Content-Type: application/json' \\
    -d '{"customerEmail":"jane@example.com","items":[{"sku":"BOOK-001","quantity":2},{"sku":"PEN-001","quantity":1}],"paymentToken":"tok_visa"}'

Press Ctrl-C to stop everything this script started.
EOF
if $AOT_TRAIN; then
  echo "AOT training run: put load on it now (e.g. the load test), then press Ctrl-C; each service writes its cache as it exits."
fi
wait
