#!/usr/bin/env python3
"""Per-level response times of a SteppedLoadSimulation report: for each level, the median and the worst of the
per-second p99 (from the report's "Response Time Percentiles over Time" chart) and the per-second p50 median.

    load-test/stepped-levels.py <report dir> START_RATE STEP LEVEL_DURATION [LEVEL_RAMP=2]

Use the same values as the run's -DstartRate, -Dstep, -DlevelDuration and -DlevelRamp.
"""
import glob
import re
import statistics
import sys


def series(page, name):
    text = open(page, encoding="utf-8").read()
    # null: a second in which no response completed (the system stalled); such seconds are counted, not averaged
    match = re.search(r"name: '" + re.escape(name) + r"',\s*data: \[((?:\[\d+,\s*(?:\d+|null)\],?\s*)*)\]",
                      text, re.S)
    if not match:
        sys.exit(f"no '{name}' series in {page}")
    return {int(t) // 1000: None if v == "null" else int(v)
            for t, v in re.findall(r"\[(\d+),\s*(\d+|null)\]", match.group(1))}


def main(report, start_rate, step, level_duration, level_ramp=2.0):
    page = sorted(glob.glob(report.rstrip("/") + "/req_*.html"))[0]
    p99, p50 = series(page, "99%"), series(page, "50%")
    t0 = min(p99)
    level = 0
    print("level (orders/s)   seconds   p50 median   p99 median   p99 worst second   seconds without a response")
    while True:
        begin = t0 + level * (level_duration + level_ramp)
        in_level = [s for s in range(int(begin), int(begin + level_duration)) if s in p99]
        seconds = [s for s in in_level if p99[s] is not None]
        if not seconds:  # past the last level (or a level in which nothing answered at all: the end anyway)
            break
        print(f"{start_rate + level * step:>16g}   {len(seconds):>7}   "
              f"{statistics.median(p50[s] for s in seconds):>8g} ms   "
              f"{statistics.median(p99[s] for s in seconds):>8g} ms   {max(p99[s] for s in seconds):>13} ms   "
              f"{len(in_level) - len(seconds):>8}")
        level += 1


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(sys.argv[1], *(float(a) for a in sys.argv[2:]))
