#!/usr/bin/env bash
# The per-order cost benchmark (docs/performance.md opens with its figures), in one invocation on a fresh system:
#
#   1. cold start: the first COLD s (60) at 100/s right after run-local.sh says "EcomNow is up", no warm-up
#   2. the rest of the warm-up: WARMUP s (120) at WARMUP_RATE/s (100), not counted
#   3. idle: 20 single orders, one every 0.5 s, and their lag to each consumer
#   4. for each RATE (100 300 500 700 1000): the {} floor (FloorSimulation: same HTTP, JSON, validation, 400)
#      for DURATION s, then orders (OrderPlacementSimulation, with exact reconciliation) for DURATION s; each with
#      CPU ms per request or order and process (cpu-per-order.py), orders also with the lag to each consumer
#   5. the machine's idle cost: CPU of every process over 30 s without load
#   6. disk: the four H2 databases' size divided by the orders of the run
#
#   load-test/series.sh [RUNS=1]            RUNS fresh systems, one after the other; the table of each, then the
#                                           goals of issue 14 with their status and every rate (series-summary.py)
#
# Environment: RATES, DURATION (60), COLD (60), WARMUP (120), WARMUP_RATE (100), SHARE_CONNECTIONS (true: one
# keep-alive pool, as a gateway in front of order-api would), JAVA_HOME, ECOMNOW_JAVA_OPTS, and anything run-local.sh
# reads (SPRING_RABBITMQ_*, ECOMNOW_* settings), passed to the services.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1}
RATES=${RATES:-100 300 500 700 1000}
DURATION=${DURATION:-60}
source load-test/fresh-system.sh

gatling() { # simulation rate duration output [options]
  ./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass="com.ecomnow.loadtest.$1" \
    -DbaseUrl=http://localhost:8080 -Drate="$2" -Dduration="$3" -DmaxP99=100000 \
    -DshareConnections="${SHARE_CONNECTIONS:-true}" "${@:5}" > "$4" 2>&1 || true
}

# Waits (up to 300 s) until every consumer has caught up with order-api: a backlog an earlier run left would
# otherwise be drained during the next one, and counted as its CPU.
drained() {
  local stored
  for _ in $(seq 1 300); do
    stored=$(curl -s "localhost:8080/orders?page=0&size=1" | grep -o '"totalOrders":[0-9]*' | cut -d: -f2)
    [[ -n "$stored" && "$(analytics_orders)" == "$stored" ]] && return 0
    sleep 1
  done
  echo "   (the consumers had not caught up after 300 s)" | tee -a "$WORK/series.txt"
}

measured() { # label simulation rate count(accepted|answered): a run with its CPU window and, for orders, lag
  local label=$1 simulation=$2 rate=$3 count=$4 out="$WORK/$1"
  drained
  [[ $simulation == OrderPlacementSimulation ]] && python3 load-test/consumer-lag.py snapshot "$out.lag0"
  python3 load-test/cpu-per-order.py --after-orders-start 15 --seconds $(( DURATION - 20 < 30 ? DURATION - 20 : 30 )) \
    --count "$count" > "$out.cpu" 2>&1 &
  local sampler=$!
  gatling "$simulation" "$rate" "$DURATION" "$out.out"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  {
    echo "$label: $(python3 load-test/gatling-summary.py "$out.out")"
    grep -E "RECONCILIATION" "$out.out" | sed 's/^/   /' || true
    [[ $simulation == OrderPlacementSimulation ]] && python3 load-test/consumer-lag.py since "$out.lag0" "   lag"
    sed 's/^/   /' "$out.cpu"
  } | tee -a "$WORK/series.txt"
}

one_system() {
  start_fresh_system series
  : > "$WORK/series.txt"
  echo "== system $1: $(java -version 2>&1 | head -1); logs and figures in $WORK" | tee -a "$WORK/series.txt"
  gatling OrderPlacementSimulation 100 "${COLD:-60}" "$WORK/cold.out" -DrampUp=0 -Dreconcile=false
  echo "cold: first ${COLD:-60} s at 100/s: $(python3 load-test/gatling-summary.py "$WORK/cold.out")" | tee -a "$WORK/series.txt"
  gatling OrderPlacementSimulation "${WARMUP_RATE:-100}" "${WARMUP:-120}" "$WORK/warmup.out" -Dreconcile=false
  sleep 10
  python3 load-test/consumer-lag.py snapshot "$WORK/idle.lag0"
  source docs/workshop/lab-helpers.sh
  for _ in $(seq 20); do place_order idle@example.com PEN-001 > /dev/null; sleep 0.5; done
  sleep 2
  python3 load-test/consumer-lag.py since "$WORK/idle.lag0" "idle: 20 single orders, lag" | tee -a "$WORK/series.txt"
  for rate in $RATES; do
    measured "floor-$rate" FloorSimulation "$rate" answered
    measured "orders-$rate" OrderPlacementSimulation "$rate" accepted
  done
  drained    # an overloaded last rate leaves a backlog: its draining is not the idle cost
  sleep 20
  python3 - <<'PY' | tee -a "$WORK/series.txt"
import subprocess, time, sys
sys.path.insert(0, "load-test")
cpu = __import__("cpu-per-order")
pids = {name: cpu.pid_of(pattern) for name, pattern in cpu.PROCESSES if cpu.pid_of(pattern)}
start = {name: cpu.cpu_ms(pid) for name, pid in pids.items()}
time.sleep(30)
used = sum(cpu.cpu_ms(pid) - start[name] for name, pid in pids.items() if name != "Gatling")
print(f"idle cost: {100 * used / 30000:.1f} % of one core over 30 s (services and broker)")
PY
  # Disk: the four H2 databases after everything above (every order of the run, retention has not started).
  local orders kb
  orders=$(analytics_orders); orders=${orders:-0}
  kb=$(du -sk "$WORK"/data/{order-api,email-service,inventory-service,analytics-service} 2>/dev/null \
    | awk '{ s += $1 } END { print s }')
  echo "disk: $orders orders, H2 databases $kb KB: $(( kb * 1024 / (orders > 0 ? orders : 1) )) bytes per order" \
    | tee -a "$WORK/series.txt"
  FILES+=("load-test/target/series-$(date +%Y%m%d-%H%M%S)-$1.txt")
  cp "$WORK/series.txt" "${FILES[-1]}"
  stop_fresh_system
  trap - EXIT
}

mkdir -p load-test/target
FILES=()
for i in $(seq 1 "$RUNS"); do one_system "$i"; done
python3 load-test/series-summary.py "${FILES[@]}"
