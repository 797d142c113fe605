#!/usr/bin/env bash
# Profile before optimising, repeatably: starts EcomNow fresh (as bench.sh does), warms it up, then runs
# OrderPlacementSimulation once at RATE orders/s for DURATION s and, while it runs, measures the CPU per order of
# every process (cpu-per-order.py, 30 s from 15 s after the orders start) and then records 30 s of JFR in each
# service (settings=profile, after the CPU window, so the recording's own cost stays out of those figures).
# Prints the run's figures, the CPU per order and each recording's summary (jfr-summary.py); keeps the
# recordings in the directory it prints.
#
#   load-test/profile.sh RATE [DURATION=100] [-- extra gatling -D options]
#
# Environment: as bench.sh (JAVA_HOME, ECOMNOW_JAVA_OPTS, WARMUP s (120), WARMUP_RATE orders/s (RATE)).
# Needs a JDK (jcmd and jfr): JAVA_HOME/bin, or on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${1:?rate}; DURATION=${2:-100}
shift $(( $# < 2 ? $# : 2 ))
[[ "${1:-}" == "--" ]] && shift
EXTRA=("$@")
(( DURATION >= 90 )) || { echo "DURATION must be at least 90 s (15 s, 30 s CPU window, JFR's start, 30 s JFR)" >&2; exit 2; }
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
command -v "$JCMD" >/dev/null || { echo "jcmd not found: set JAVA_HOME to a JDK" >&2; exit 1; }
SERVICES=(order-api email-service inventory-service analytics-service)

source load-test/fresh-system.sh
start_fresh_system profile
mkdir -p "$WORK/jfr"

simulation() { # rate duration output [options]
  ./mvnw -q -B -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate="$1" -Dduration="$2" \
    -DmaxP99=100000 "${@:4}" ${EXTRA[@]+"${EXTRA[@]}"} > "$3" 2>&1 || true
}

echo "warm-up: ${WARMUP:-120} s at ${WARMUP_RATE:-$RATE}/s (not counted)"
simulation "${WARMUP_RATE:-$RATE}" "${WARMUP:-120}" "$WORK/warmup.out" -Dreconcile=false

simulation "$RATE" "$DURATION" "$WORK/run.out" &
RUN=$!
python3 load-test/cpu-per-order.py --after-orders-start 15 --seconds 30 > "$WORK/cpu.out" 2>&1 || true
# All four at once: on a saturated machine each jcmd takes seconds to start.
started=$SECONDS; recorders=()
for svc in "${SERVICES[@]}"; do
  pid=$(pgrep -f "$svc-[^ ]*\\.jar" | head -1)
  "$JCMD" "$pid" JFR.start name=profile duration=30s settings=profile filename="$WORK/jfr/$svc.jfr" > /dev/null &
  recorders+=($!)
done
wait "${recorders[@]}"
# The CPU window closed 45 s after the orders started; the constant rate lasts until 5 + DURATION s.
if (( 45 + SECONDS - started + 30 > 5 + DURATION )); then
  echo "WARNING: JFR took $(( SECONDS - started )) s to start; the recordings outlast the load: raise DURATION"
fi
wait "$RUN"
for svc in "${SERVICES[@]}"; do  # a recording is written when its 30 s are over
  for _ in $(seq 1 60); do [[ -s "$WORK/jfr/$svc.jfr" ]] && break; sleep 1; done
done

report=$(ls -dt load-test/target/gatling/orderplacementsimulation-* 2>/dev/null | head -1)
echo "run at $RATE/s for $DURATION s: $report/index.html"
grep -E "request count|50th|95th|99th|RECONCILIATION|LAG" "$WORK/run.out" | sed 's/^/   /' || true
cat "$WORK/cpu.out"
python3 load-test/jfr-summary.py "$WORK"/jfr/*.jfr
echo "recordings and logs: $WORK"
