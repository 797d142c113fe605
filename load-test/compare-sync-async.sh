#!/usr/bin/env bash
# The case study's comparison, repeatable: starts EcomNow fresh with the email service slowed down (as the old
# synchronous design suffered), runs SyncVsAsyncSimulation RUNS times (POST /orders and POST /sync/orders side by
# side, RATE orders/s each, DURATION s), prints both requests' figures per run and the p50/p99 ratios with their
# median, min and max. Stops the system after.
#
#   load-test/compare-sync-async.sh [RUNS=3] [RATE=5] [DURATION=60] [EMAIL_LATENCY=1s]
#
# Environment: JAVA_HOME and ECOMNOW_JAVA_OPTS are passed to run-local.sh; WARMUP (s, default 60; 0 for none)
# runs the same simulation once first, not counted, so both flows are compared warm (at 5 orders/s the JIT needs
# minutes: a first minute's async p99 is mostly compilation, and the ratio then says little about the designs).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}; RATE=${2:-5}; DURATION=${3:-60}; EMAIL_LATENCY=${4:-1s}
source load-test/fresh-system.sh
start_fresh_system compare ECOMNOW_EMAIL_SIMULATION_LATENCY="$EMAIL_LATENCY"

if (( ${WARMUP:-60} > 0 )); then
  echo "warm-up: ${WARMUP:-60} s, both flows (not counted)"
  ./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.SyncVsAsyncSimulation \
    -DbaseUrl=http://localhost:8080 -Drate="$RATE" -Dduration="${WARMUP:-60}" > "$WORK/warmup.out" 2>&1 || true
fi
for i in $(seq 1 "$RUNS"); do
  ./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.SyncVsAsyncSimulation \
    -DbaseUrl=http://localhost:8080 -Drate="$RATE" -Dduration="$DURATION" > "$WORK/run$i.out" 2>&1 || true
  report=$(ls -dt load-test/target/gatling/syncvsasyncsimulation-* | head -1)
  echo "$report" > "$WORK/report$i"
  echo "run $i: $report/index.html"
  load-test/report-stats.py "$report" | tee "$WORK/stats$i.txt"
done
python3 - "$WORK" "$RUNS" <<'PY'
import glob, importlib.machinery, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
stats = importlib.machinery.SourceFileLoader("report_stats", "load-test/report-stats.py").load_module().stats
ratios = {"50th percentile": [], "99th percentile": [], "Mean": []}
for i in range(1, runs + 1):
    report = open(f"{work}/report{i}").read().strip()
    found = dict(stats(page) for page in glob.glob(report + "/req_*.html"))
    sync = next(v for k, v in found.items() if "/sync/orders" in k)
    async_ = next(v for k, v in found.items() if "/sync/" not in k)
    for key in ratios:
        ratios[key].append(float(sync[key]) / float(async_[key]))
for key, values in ratios.items():
    print(f"sync/async, {key}: median {statistics.median(values):.1f}x  min {min(values):.1f}x  "
          f"max {max(values):.1f}x  ({len(values)} runs)")
PY
echo "logs: $WORK"
