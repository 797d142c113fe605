#!/usr/bin/env bash
# Finding the ceiling, repeatable: RUNS times, starts EcomNow fresh, warms it at WARMUP_RATE (100) orders/s for
# WARMUP (180) s and then 30 s at START (a jump from the warm-up rate straight into the first level would make
# that level a transient), then runs SteppedLoadSimulation from START orders/s in STEPS levels of STEP more,
# LEVEL s each, and prints the per-level table of each run (stepped-levels.py) and, per run, the ceiling: the
# highest level below the first whose per-second p99 (median of the level's seconds) exceeds MAX_P99 (200) ms.
# Stops the system after each run.
#
#   load-test/ceiling.sh [RUNS=3] [START=200] [STEP=50] [STEPS=7] [LEVEL=20]
#
# Environment: JAVA_HOME and ECOMNOW_JAVA_OPTS are passed to run-local.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}; START=${2:-200}; STEP=${3:-50}; STEPS=${4:-7}; LEVEL=${5:-20}
source load-test/fresh-system.sh
SUMMARY=$(mktemp)

for i in $(seq 1 "$RUNS"); do
  ( # a subshell per run: its EXIT trap stops this run's system before the next one starts
    start_fresh_system ceiling
    ./mvnw -q -B -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate="${WARMUP_RATE:-100}" \
      -Dduration="${WARMUP:-180}" -Dreconcile=false -DmaxP99=100000 > "$WORK/warmup.out" 2>&1 || true
    ./mvnw -q -B -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate="$START" -Dduration=30 \
      -Dreconcile=false -DmaxP99=100000 > "$WORK/warmup-start-rate.out" 2>&1 || true
    ./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.SteppedLoadSimulation \
      -DbaseUrl=http://localhost:8080 -DstartRate="$START" -Dstep="$STEP" -Dsteps="$STEPS" \
      -DlevelDuration="$LEVEL" > "$WORK/stepped.out" 2>&1 || true
    report=$(ls -dt load-test/target/gatling/steppedloadsimulation-* | head -1)
    echo "run $i: $report/index.html (logs: $WORK)"
    grep -A9 "Global Information" "$WORK/stepped.out" | grep -E "request count|99th|throughput" || true
    load-test/stepped-levels.py "$report" "$START" "$STEP" "$LEVEL" | tee "$WORK/levels"
    awk -v bound="${MAX_P99:-200}" 'NR > 1 && $5 + 0 <= bound && !over { ceiling = $1 } NR > 1 && $5 + 0 > bound { over = 1 }
      END { print "ceiling: " (ceiling == "" ? "below the first level" : ceiling " orders/s") }' "$WORK/levels" \
      | tee -a "$SUMMARY"
  )
done
echo "ceilings of the $RUNS runs (highest level before the first whose per-second p99 median exceeds ${MAX_P99:-200} ms):"
cat "$SUMMARY"
