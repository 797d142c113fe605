#!/usr/bin/env bash
# How fast the consumers work off a backlog when nothing else runs: RUNS times, starts EcomNow fresh, warms it
# WARMUP (120) s at WARMUP_RATE (150) orders/s, then places orders for LOAD (30) s at RATE (300) orders/s with the
# three consumer JVMs frozen (SIGSTOP: they keep their JIT-compiled code and their connections; LOAD stays under
# the 60 s AMQP heartbeat timeout), so each queue builds a backlog of about RATE x LOAD messages. Once Gatling has
# exited it thaws them (SIGCONT), and drain.py measures each consumer's rate and CPU per message until its
# backlog is gone (no reconciliation: bench.sh and series.sh check that). Stops the system after each run.
#
#   load-test/drain.sh [RUNS=3] [RATE=300] [LOAD=30]
#
# Environment: JAVA_HOME and ECOMNOW_JAVA_OPTS are passed to run-local.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}; RATE=${2:-300}; LOAD=${3:-30}
CONSUMERS=(email-service inventory-service analytics-service)

posted() { # POST /orders answered so far
  curl -sf localhost:8080/actuator/prometheus \
    | awk '/^http_server_requests_seconds_count\{/ && /method="POST"/ && /uri="\/orders"/ { s += $NF } END { print s + 0 }'
}

for i in $(seq 1 "$RUNS"); do
  ( # a subshell per run: its EXIT trap stops this run's system before the next one starts
    source load-test/fresh-system.sh
    start_fresh_system drain
    pids=()
    for part in "${CONSUMERS[@]}"; do pids+=("$(cat "$WORK/data/run/$part.pid")"); done
    thaw() { kill -CONT "${pids[@]}" 2>/dev/null || true; }
    trap 'thaw; stop_fresh_system' EXIT
    ./mvnw -q -B -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate="${WARMUP_RATE:-150}" \
      -Dduration="${WARMUP:-120}" -Dreconcile=false -DmaxP99=100000 -DshareConnections=true \
      > "$WORK/warmup.out" 2>&1 || true
    sleep 5   # the warm-up's last orders are applied
    python3 load-test/drain.py --frozen "$WORK/frozen" --thawed "$WORK/thawed" > "$WORK/drain.out" 2>&1 &
    watcher=$!
    before=$(posted)
    ./mvnw -q -B -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate="$RATE" -Dduration="$LOAD" \
      -Dreconcile=false -DmaxP99=100000 -DshareConnections=true > "$WORK/load.out" 2>&1 &
    gatling=$!
    # Freeze the consumers once the first order of the load is answered (Maven takes a while to get there).
    while [[ "$(posted)" == "$before" ]] && kill -0 "$gatling" 2>/dev/null; do sleep 0.2; done
    kill -STOP "${pids[@]}"
    frozen=$SECONDS
    touch "$WORK/frozen"
    wait "$gatling" || true
    thaw
    touch "$WORK/thawed"
    wait "$watcher" || true
    echo "run $i ($(date +%T)): $LOAD s at $RATE/s, consumers frozen for $(( SECONDS - frozen )) s; logs: $WORK"
    echo "  orders: $(python3 load-test/gatling-summary.py "$WORK/load.out")"
    sed 's/^/  /' "$WORK/drain.out"
  )
done
