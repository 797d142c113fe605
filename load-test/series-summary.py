#!/usr/bin/env python3
"""Medians (min-max) over the runs of series.sh, as markdown tables for docs/performance.md.

  load-test/series-summary.py SERIES_FILE...
"""
import re
import statistics
import sys

PROCESS = re.compile(r"^\s+(order-api|email-service|inventory-service|analytics-service|broker \(\w+\)|Gatling|all of these)"
                     r"\s+([\d.]+) ms/order")


def parse(path):
    run, section = {}, None
    for line in open(path):
        head = re.match(r"^(cold|idle cost|idle|disk|floor-\d+|orders-\d+)", line)
        if head:
            section = head.group(1)
            entry = run.setdefault(section, {})
            entry.update({k: float(v) for k, v in re.findall(r"\b(requests|failed|p50|p99|max)=([\d.]+)", line)})
            if section == "idle":
                entry["lag"] = lags(line)
            if section == "idle cost":
                entry["pct"] = float(re.search(r"([\d.]+) % of one core", line).group(1))
            if section == "disk":
                entry["orders"], entry["bytes"] = (float(v) for v in
                    re.search(r"(\d+) orders, .*: (\d+) bytes per order", line).groups())
            continue
        if section is None:
            continue
        entry = run[section]
        if "RECONCILIATION" in line:
            entry["exact"] = "PASSED" in line
        elif line.strip().startswith("lag:"):
            entry["lag"] = lags(line)
        elif "machine idle" in line:
            entry["idle_pct"] = float(re.search(r"machine idle ([\d.]+) %", line).group(1))
        else:
            process = PROCESS.match(line)
            if process:
                entry.setdefault("cpu", {})[process.group(1)] = float(process.group(2))
    return run


def lags(line):
    return {name: (float(p50), float(p99)) for name, p50, p99 in
            re.findall(r"(\w+) p50=([\d.]+)ms p99=([\d.]+)ms", line)}


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    fmt = (lambda v: f"{v:.2f}") if max(values) < 10 else (lambda v: f"{v:.0f}")
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def main():
    runs = [parse(path) for path in sys.argv[1:]]
    if not runs:
        sys.exit(__doc__)
    rates = sorted({int(key.split("-")[1]) for run in runs for key in run if key.startswith("orders-")})
    print(f"{len(runs)} run(s): median (min-max)\n")
    print("| rate/s | floor p99 ms | orders p50 ms | orders p99 ms | p99 / floor p99 | failed | exact | "
          "lag p99 ms (email/inventory/analytics) | CPU ms/order, services + broker | order-api | email | inventory | analytics | broker |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for rate in rates:
        floors = [run.get(f"floor-{rate}", {}) for run in runs]
        orders = [run.get(f"orders-{rate}", {}) for run in runs]

        def cpu(name):
            if name == "all of these":  # services and broker: the load generator is not the system
                return spread([o["cpu"]["all of these"] - o["cpu"].get("Gatling", 0) if "cpu" in o else None
                               for o in orders])
            return spread([o.get("cpu", {}).get(name) for o in orders])

        broker = spread([o.get("cpu", {}).get("broker (RabbitMQ)", o.get("cpu", {}).get("broker (embedded)"))
                         for o in orders])
        ratio = spread([o["p99"] / f["p99"] if o.get("p99") and f.get("p99") else None for o, f in zip(orders, floors)])
        lag = "/".join(spread([o.get("lag", {}).get(c, (None, None))[1] for o in orders])
                       for c in ("email", "inventory", "analytics"))
        exact = "yes" if all(o.get("exact") for o in orders) else ("no" if any("exact" in o for o in orders) else "-")
        print(f"| {rate} | {spread([f.get('p99') for f in floors])} | {spread([o.get('p50') for o in orders])} | "
              f"{spread([o.get('p99') for o in orders])} | {ratio} | {spread([o.get('failed') for o in orders])} | "
              f"{exact} | {lag} | {cpu('all of these')} | {cpu('order-api')} | {cpu('email-service')} | "
              f"{cpu('inventory-service')} | {cpu('analytics-service')} | {broker} |")
    print()
    print(f"- cold start, first 60 s at 100/s: p50 {spread([r.get('cold', {}).get('p50') for r in runs])} ms, "
          f"p99 {spread([r.get('cold', {}).get('p99') for r in runs])} ms")
    print("- one order on an idle system, lag p50 ms (email/inventory/analytics): " + "/".join(
        spread([r.get("idle", {}).get("lag", {}).get(c, (None, None))[0] for r in runs])
        for c in ("email", "inventory", "analytics")))
    print(f"- idle cost: {spread([r.get('idle cost', {}).get('pct') for r in runs])} % of one core")
    print(f"- disk, the four H2 databases: {spread([r.get('disk', {}).get('bytes') for r in runs])} bytes per order "
          f"after {spread([r.get('disk', {}).get('orders') for r in runs])} orders")


if __name__ == "__main__":
    main()
