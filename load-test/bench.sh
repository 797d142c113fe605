#!/usr/bin/env bash
# Repeatable benchmark: starts EcomNow fresh (run-local.sh, empty data directory, the broker that answers on
# 127.0.0.1:5672 or the embedded one), warms it up unless --cold, runs OrderPlacementSimulation RUNS times at RATE
# orders/s for DURATION s, and prints each run's figures (response times, reconciliation, the email lag of the
# run's own orders) and their median, min and max. Stops the system after.
#
#   load-test/bench.sh RATE DURATION [RUNS] [--cold] [-- extra gatling -D options]
#
# Environment: JAVA_HOME and ECOMNOW_JAVA_OPTS are passed to run-local.sh; MAX_P99 (default 200) is the
# assertion bound (a run that misses it still counts; its figures are what we want); WARMUP (s, default 30) is
# how long the warm-up runs (the JIT of five JVMs sharing two cores needs minutes under load to settle);
# WARMUP_RATE (orders/s, default RATE) is its rate: from a cold start a high rate overwhelms the JVMs still
# compiling (connect timeouts, a consumer backlog the first measured run inherits), so warm at a lower rate.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${1:?rate}; DURATION=${2:?duration}; RUNS=${3:-3}
shift $(( $# < 3 ? $# : 3 ))
COLD=false
if [[ "${1:-}" == "--cold" ]]; then COLD=true; shift; fi
[[ "${1:-}" == "--" ]] && shift
EXTRA=("$@")

source load-test/fresh-system.sh
start_fresh_system bench

gatling() { # rate duration label
  # CPU per order by process over the middle of a measured run of 30 s or more (10 s after the ramp, up to 30 s).
  local sampler=""
  if [[ "$3" == run* && "$2" -ge 30 ]]; then
    python3 load-test/cpu-per-order.py --after-orders-start 15 --seconds $(( $2 - 20 < 30 ? $2 - 20 : 30 )) \
      > "$WORK/$3.cpu" 2>&1 &
    sampler=$!
  fi
  ./mvnw -q -B -pl load-test gatling:test -DbaseUrl=http://localhost:8080 -Drate="$1" -Dduration="$2" \
    -DmaxP99="${MAX_P99:-200}" ${EXTRA[@]+"${EXTRA[@]}"} > "$WORK/$3.out" 2>&1 || true
  local report
  report=$(ls -dt load-test/target/gatling/orderplacementsimulation-* 2>/dev/null | head -1)
  python3 - "$report" "$3" "$WORK/$3.out" <<'PY'
import json, re, sys
report, label, out = sys.argv[1:4]
text = open(out).read()
def stat(name):
    m = re.search(r"> " + re.escape(name) + r"\s*\|\s*([\d.,]+|-)\s*\|", text)
    return m.group(1).replace(",", "") if m else "?"
if "Global Information" in text:
    print(f"{label}: requests={stat('request count')} mean={stat('mean response time (ms)')} "
          f"p50={stat('response time 50th percentile (ms)')} p95={stat('response time 95th percentile (ms)')} "
          f"p99={stat('response time 99th percentile (ms)')} max={stat('max response time (ms)')} "
          f"report={report}/index.html")
else:
    print(f"{label}: no Gatling summary (see {out})")
for line in text.splitlines():
    if re.search(r"(RECONCILIATION|LAG|Global:|FAILED)", line):
        print("   " + line.strip())
PY
  if [[ -n "$sampler" ]]; then
    # Its window ends before the run does; if it is still waiting, the run never started (a build error, say).
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    sed 's/^/   /' "$WORK/$3.cpu"
  fi
}

if ! $COLD; then
  echo "warm-up: ${WARMUP:-30} s at ${WARMUP_RATE:-$RATE}/s (not counted)"
  gatling "${WARMUP_RATE:-$RATE}" "${WARMUP:-30}" warmup
fi
for i in $(seq 1 "$RUNS"); do
  gatling "$RATE" "$DURATION" "run$i" | tee -a "$WORK/summary"
done
python3 - "$WORK/summary" <<'PY'
import re, statistics, sys
runs, lines = [], open(sys.argv[1]).read().splitlines()
for line in lines:
    if line.startswith("run"):
        runs.append(dict(re.findall(r"(\w+)=([\d.]+)", line)))
    elif "END-TO-END LAG, THIS RUN ONLY" in line and runs:  # the email lag of this run's orders
        runs[-1].update({"lag_" + k: v for k, v in re.findall(r"(p50|p99)=([\d.]+)", line)})
    elif "CPU PER ORDER" in line and runs:
        runs[-1]["idle_pct"] = re.search(r"idle ([\d.]+) %", line).group(1)
    elif "all of these" in line and runs:
        runs[-1]["cpu_ms"] = re.search(r"([\d.]+) ms/order", line).group(1)
for key in ["mean", "p50", "p95", "p99", "max", "lag_p50", "lag_p99", "cpu_ms", "idle_pct"]:
    values = [float(r[key]) for r in runs if key in r]
    if values:
        print(f"{key:>7}: median {statistics.median(values):g}  min {min(values):g}  max {max(values):g}  ({len(values)} runs)")
PY
echo "logs: $WORK"
