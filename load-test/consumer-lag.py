#!/usr/bin/env python3
"""End-to-end lag per consumer over a window: order placed -> effect committed, from each consumer's
ecomnow_consumer_lag_seconds histogram (its Prometheus endpoint).

  load-test/consumer-lag.py snapshot FILE          save every consumer's histogram buckets now
  load-test/consumer-lag.py since FILE [LABEL]      p50, p99 and count of the events processed since the snapshot

Ports: EMAIL_SERVICE_PORT, INVENTORY_SERVICE_PORT, ANALYTICS_SERVICE_PORT (8081-8083). The percentiles come from
the histogram's buckets (Micrometer's, about 10 % apart), interpolated within a bucket.
"""
import json
import os
import re
import sys
import urllib.request

CONSUMERS = {"email": os.environ.get("EMAIL_SERVICE_PORT", "8081"),
             "inventory": os.environ.get("INVENTORY_SERVICE_PORT", "8082"),
             "analytics": os.environ.get("ANALYTICS_SERVICE_PORT", "8083")}
BUCKET = re.compile(r'^ecomnow_consumer_lag_seconds_bucket\{.*le="([^"]+)".*\} ([0-9.eE+]+)$')


def buckets(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=10).read().decode()
    found = {}
    for line in text.splitlines():
        match = BUCKET.match(line)
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def percentile(cumulative, q):
    """cumulative: sorted [(upper bound, count)]; linear interpolation inside the bucket."""
    total = cumulative[-1][1]
    if total <= 0:
        return None
    target, previous_bound, previous_count = q * total, 0.0, 0.0
    for bound, count in cumulative:
        if count >= target:
            if bound == float("inf"):
                return previous_bound
            share = (target - previous_count) / max(count - previous_count, 1e-9)
            return previous_bound + share * (bound - previous_bound)
        previous_bound, previous_count = bound, count
    return previous_bound


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("snapshot", "since"):
        sys.exit(__doc__)
    if sys.argv[1] == "snapshot":
        with open(sys.argv[2], "w") as file:
            json.dump({name: buckets(port) for name, port in CONSUMERS.items()}, file)
        return
    before = json.load(open(sys.argv[2]))
    label = sys.argv[3] if len(sys.argv) > 3 else "lag"
    parts = []
    for name, port in CONSUMERS.items():
        now = buckets(port)
        cumulative = sorted((float("inf") if le == "+Inf" else float(le), now[le] - before[name].get(le, 0.0))
                            for le in now)
        count = cumulative[-1][1] if cumulative else 0
        p50, p99 = percentile(cumulative, 0.50), percentile(cumulative, 0.99)
        parts.append(f"{name} p50={p50 * 1000:.1f}ms p99={p99 * 1000:.1f}ms n={count:.0f}" if count else f"{name} n=0")
    print(f"{label}: " + "  ".join(parts))


if __name__ == "__main__":
    main()
