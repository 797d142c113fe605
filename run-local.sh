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
# While it runs, from another terminal (PART: order-api, email-service, inventory-service, analytics-service,
# broker):
#   ./run-local.sh status        every part: its pid and whether it is up
#   ./run-local.sh stop PART     stop one part the way Ctrl-C would (it finishes what it has in hand)
#   ./run-local.sh start PART    start it again (after stop, or after kill -9 $(cat data/run/PART.pid))
#
# Needs Java 17+ and curl.
# Environment: ECOMNOW_DATA_DIR (default ./data), ECOMNOW_LOG_DIR (default ./logs), ORDER_API_PORT etc.,
# SPRING_RABBITMQ_HOST / SPRING_RABBITMQ_PORT (default 127.0.0.1:5672), HEALTH_TIMEOUT seconds (default 180),
# JAVA_HOME (which Java runs everything), ECOMNOW_JAVA_OPTS (JVM options for the four services),
# ECOMNOW_BROKER_MANAGEMENT_PORT (default 15672) and ECOMNOW_BROKER_MANAGEMENT_PASSWORD (default: the
# RABBITMQ_ADMIN_PASSWORD of .env) for the embedded broker's management UI, user admin.
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR=${ECOMNOW_DATA_DIR:-./data}
RUN_DIR=$DATA_DIR/run
LOCK="$DATA_DIR/run-local.pid"
usage() { sed -n '2,23p' "$0"; exit 2; }

COMMAND=run
RESET=false
AOT_TRAIN=false
case "${1:-}" in
  status) COMMAND=status; [[ $# -eq 1 ]] || usage ;;
  stop|start) COMMAND=$1; PART=${2:-}; [[ $# -eq 2 ]] || usage ;;
  *)
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --reset) RESET=true ;;
        --aot-train) AOT_TRAIN=true ;;
        *) usage ;;
      esac
      shift
    done ;;
esac

running() { [[ -f "$LOCK" ]] && kill -0 "$(cat "$LOCK")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
pid_of() { [[ -f "$RUN_DIR/$1.pid" ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null && cat "$RUN_DIR/$1.pid"; }

if [[ $COMMAND != run ]]; then
  running || { echo "EcomNow is not running from this directory: start it with ./run-local.sh" >&2; exit 1; }
  # The settings of the running system, so that a part restarted from another terminal is the same as before.
  # shellcheck disable=SC1091
  source "$RUN_DIR/environment"
  # shellcheck disable=SC1091
  source "$RUN_DIR/settings"
fi

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
LOG_DIR=${ECOMNOW_LOG_DIR:-./logs}
BROKER_HOST=${SPRING_RABBITMQ_HOST:-127.0.0.1}
BROKER_PORT=${SPRING_RABBITMQ_PORT:-5672}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-180}
VERSION=1.0.0-SNAPSHOT
# Consumers first: their queues must exist before order-api's first event (see README, Reliability).
SERVICES=(email-service:${EMAIL_SERVICE_PORT:-8081} inventory-service:${INVENTORY_SERVICE_PORT:-8082}
          analytics-service:${ANALYTICS_SERVICE_PORT:-8083} order-api:${ORDER_API_PORT:-8080})
PARTS=(broker email-service inventory-service analytics-service order-api)
BROKER_JAR=broker/target/ecomnow-broker.jar
MANAGEMENT_PORT=${ECOMNOW_BROKER_MANAGEMENT_PORT:-15672}
if [[ -z "${ECOMNOW_BROKER_MANAGEMENT_PASSWORD:-}" && -f .env ]]; then
  ECOMNOW_BROKER_MANAGEMENT_PASSWORD=$(sed -n 's/^RABBITMQ_ADMIN_PASSWORD=//p' .env | tail -1)
fi

read -r -a JAVA_OPTS <<< "${ECOMNOW_JAVA_OPTS:-}"
port_of() { local entry; for entry in "${SERVICES[@]}"; do [[ ${entry%%:*} == "$1" ]] && echo "${entry#*:}"; done; }

# The JDK AOT cache (JEP 483/514/515, Java 25+) keeps classes loaded and linked, and method profiles, from a
# training run. It only works with the extracted form of a Spring Boot jar (java -Djarmode=tools ... extract).
aot_supported() { # no pipe into grep -q: with pipefail, java's SIGPIPE would make a match look like a failure
  local flags; flags=$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null) || true
  [[ "$flags" == *" AOTCacheOutput "* ]]
}

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

broker_command() {
  SERVICE_CMD=(env ECOMNOW_BROKER_PORT="$BROKER_PORT" ECOMNOW_BROKER_BIND="$BROKER_HOST"
               ECOMNOW_BROKER_MANAGEMENT_PORT="$MANAGEMENT_PORT"
               ECOMNOW_BROKER_MANAGEMENT_PASSWORD="${ECOMNOW_BROKER_MANAGEMENT_PASSWORD:-}" "$JAVA" -jar "$BROKER_JAR")
}

launch() { # part, detached(true|false): starts it, logs to LOG_DIR/part.log, writes RUN_DIR/part.pid
  local part=$1 detached=$2 log="$LOG_DIR/$1.log"
  if [[ $part == broker ]]; then broker_command; else service_command "$part"; fi
  if $detached; then
    # Started from another terminal: its own session, so that terminal closing does not stop it.
    setsid "${SERVICE_CMD[@]}" >> "$log" 2>&1 < /dev/null &
  else
    "${SERVICE_CMD[@]}" > "$log" 2>&1 &
  fi
  echo $! > "$RUN_DIR/$part.pid"
  echo "  started $part (pid $!), log: $log"
  [[ "${SERVICE_CMD[*]}" == *-XX:AOTCache=* ]] && echo "    (with its AOT cache $part/target/aot/$part.aot)"
  return 0
}

healthy() { curl -fs "http://127.0.0.1:$(port_of "$1")/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }

await_broker() {
  for _ in $(seq 1 60); do port_open "$BROKER_HOST" "$BROKER_PORT" && return 0; pid_of broker >/dev/null || break; sleep 1; done
  echo "The broker did not start; last lines of $LOG_DIR/broker.log:"; tail -20 "$LOG_DIR/broker.log"; return 1
}

await_healthy() { # services... : waits until each /actuator/health is UP
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) pending=("$@") still svc
  printf "Waiting for every /actuator/health to be UP (timeout %ss) " "$HEALTH_TIMEOUT"
  while [[ ${#pending[@]} -gt 0 ]]; do
    still=()
    for svc in "${pending[@]}"; do
      if healthy "$svc"; then printf " %s:UP" "$svc"; else still+=("$svc"); fi
    done
    pending=("${still[@]+"${still[@]}"}")
    [[ ${#pending[@]} -eq 0 ]] && break
    for svc in "${pending[@]}"; do
      if ! pid_of "$svc" >/dev/null; then
        echo; echo "$svc exited; last lines of $LOG_DIR/$svc.log:"; tail -25 "$LOG_DIR/$svc.log"; return 1
      fi
    done
    if (( SECONDS > deadline )); then
      echo; for svc in "${pending[@]}"; do
        echo "$svc did not come up; last lines of $LOG_DIR/$svc.log:"; tail -25 "$LOG_DIR/$svc.log"
      done
      return 1
    fi
    printf "."; sleep 2
  done
  echo
}

stop_part() { # part, seconds to wait before SIGKILL
  local pid; pid=$(pid_of "$1") || { rm -f "$RUN_DIR/$1.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(( $2 * 2 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/$1.pid"
}

valid_part() { local p; for p in "${PARTS[@]}"; do [[ $p == "$1" ]] && return 0; done
  echo "Unknown part '$1'; one of: ${PARTS[*]}" >&2; exit 2; }

case $COMMAND in
  status)
    for part in "${PARTS[@]}"; do
      if pid=$(pid_of "$part"); then
        if [[ $part == broker ]]; then state=$(port_open "$BROKER_HOST" "$BROKER_PORT" && echo UP || echo starting)
        else state=$(healthy "$part" && echo UP || echo starting); fi
        printf "%-18s pid %-7s %s\n" "$part" "$pid" "$state"
      elif [[ $part == broker && $BROKER_STARTED == false ]]; then
        printf "%-18s %-11s %s\n" broker "-" "not started by run-local.sh ($BROKER_HOST:$BROKER_PORT)"
      else
        printf "%-18s %-11s %s\n" "$part" "-" "stopped"
      fi
    done
    exit 0 ;;
  stop)
    valid_part "$PART"
    if [[ $PART == broker && $BROKER_STARTED == false ]]; then
      echo "This run uses the broker at $BROKER_HOST:$BROKER_PORT, which it did not start: stop that broker itself" \
        "(RabbitMQ: rabbitmqctl stop_app)." >&2
      exit 1
    fi
    pid_of "$PART" >/dev/null || { echo "$PART is not running"; exit 0; }
    stop_part "$PART" 30
    echo "$PART stopped"
    exit 0 ;;
  start)
    valid_part "$PART"
    if [[ $PART == broker && $BROKER_STARTED == false ]]; then
      echo "This run uses the broker at $BROKER_HOST:$BROKER_PORT, which it did not start." >&2; exit 1
    fi
    if pid=$(pid_of "$PART"); then echo "$PART is already running (pid $pid)"; exit 0; fi
    AOT_TRAIN=false
    launch "$PART" true
    if [[ $PART == broker ]]; then await_broker; else await_healthy "$PART"; fi
    echo "$PART is up"
    exit 0 ;;
esac

command -v "$JAVA" >/dev/null || { echo "Java 17 or newer is needed (on the PATH, or JAVA_HOME)." >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed to check the services' health." >&2; exit 1; }

# One run at a time: a second one would collide on the ports (and --reset would pull its data away).
if running; then
  echo "EcomNow is already running from this directory (run-local.sh pid $(cat "$LOCK")). Stop it with Ctrl-C there." >&2
  exit 1
fi
if $RESET; then
  echo "Deleting local data in $DATA_DIR"
  rm -rf "$DATA_DIR"
fi

mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR"
rm -f "$RUN_DIR"/*.pid
export ECOMNOW_DATA_DIR="$DATA_DIR"
# The synchronous anti-pattern (POST /sync/orders) for the workshop's comparison; the services keep it off by
# themselves. ECOMNOW_SYNC_ENABLED=false leaves it off here too.
export ECOMNOW_SYNC_ENABLED=${ECOMNOW_SYNC_ENABLED:-true}

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
  # forceCreation: a service whose own sources did not change would otherwise keep its old jar, and Spring Boot's
  # repackage skips a jar it has repackaged before, so a change in messaging would never reach the services.
  ./mvnw -q -B -DskipTests -Dmaven.jar.forceCreation=true package \
    -pl broker,order-api,email-service,inventory-service,analytics-service -am
fi

stop_all() {
  trap "" INT TERM; trap - EXIT  # a second Ctrl-C must not cut the clean-up short
  local part stopped=()
  for part in "${PARTS[@]}"; do pid_of "$part" >/dev/null && stopped+=("$part"); done
  if [[ ${#stopped[@]} -gt 0 ]]; then
    echo; echo "Stopping ${stopped[*]}..."
    # Services first (all at once, each finishing what it has in hand), the broker last. A training run writes
    # its AOT cache on the way out, which takes a while.
    for ((i=${#PARTS[@]}-1; i>0; i--)); do
      pid=$(pid_of "${PARTS[$i]}") && kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i=${#PARTS[@]}-1; i>=0; i--)); do
      stop_part "${PARTS[$i]}" "$($AOT_TRAIN && echo 180 || echo 15)"
    done
  fi
  rm -f "$LOCK"
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

if $AOT_TRAIN && ! aot_supported; then
  echo "--aot-train needs Java 25 or newer (set JAVA_HOME); $("$JAVA" -version 2>&1 | head -1)" >&2; exit 1
fi
AOT_USABLE=false
if ! $AOT_TRAIN && aot_supported; then AOT_USABLE=true; fi

BROKER_STARTED=false
if port_open "$BROKER_HOST" "$BROKER_PORT"; then
  echo "A broker already answers on $BROKER_HOST:$BROKER_PORT: using it."
else
  echo "Starting the embedded broker on $BROKER_HOST:$BROKER_PORT (store: $DATA_DIR/broker)"
  BROKER_STARTED=true
  launch broker false
  await_broker
fi
# What `./run-local.sh start PART` from another terminal needs to start a part exactly as this run did.
(umask 077
 export -p | grep -v -E '^declare -[a-zA-Z]*r' > "$RUN_DIR/environment"   # not the read-only ones
 printf 'AOT_USABLE=%q\nBROKER_STARTED=%q\nECOMNOW_BROKER_MANAGEMENT_PASSWORD=%q\n' \
   "$AOT_USABLE" "$BROKER_STARTED" "${ECOMNOW_BROKER_MANAGEMENT_PASSWORD:-}" > "$RUN_DIR/settings")

for entry in "${SERVICES[@]}"; do
  launch "${entry%%:*}" false
done
await_healthy "${PARTS[@]:1}"

if $BROKER_STARTED && [[ -n "${ECOMNOW_BROKER_MANAGEMENT_PASSWORD:-}" ]]; then
  broker_ui="  broker UI          http://localhost:$MANAGEMENT_PORT  (admin / RABBITMQ_ADMIN_PASSWORD of .env)"
else
  broker_ui="  broker             $BROKER_HOST:$BROKER_PORT"
fi
cat <<EOF

EcomNow is up.
  order-api          http://localhost:${ORDER_API_PORT:-8080}/orders       (catalog: /products)
  email-service      http://localhost:${EMAIL_SERVICE_PORT:-8081}/emails
  inventory-service  http://localhost:${INVENTORY_SERVICE_PORT:-8082}/inventory
  analytics-service  http://localhost:${ANALYTICS_SERVICE_PORT:-8083}/analytics/summary
$broker_ui
  logs               $LOG_DIR/

Place an order:
  curl -i -X POST localhost:${ORDER_API_PORT:-8080}/orders -H 'Content-Type: application/json' \\
    -d '{"customerEmail":"jane@example.com","items":[{"sku":"BOOK-001","quantity":2},{"sku":"PEN-001","quantity":1}],"paymentToken":"tok_visa"}'

Stop or start one part from another terminal: ./run-local.sh status | stop PART | start PART
Press Ctrl-C to stop everything this script started.
EOF
if $AOT_TRAIN; then
  echo "AOT training run: put load on it now (e.g. the load test), then press Ctrl-C; each service writes its cache as it exits."
fi
# Until Ctrl-C, or until every part has gone (stopped or crashed).
while :; do
  alive=false
  for part in "${PARTS[@]}"; do pid_of "$part" >/dev/null && { alive=true; break; }; done
  $alive || { echo "Every part has stopped."; break; }
  sleep 1
done
