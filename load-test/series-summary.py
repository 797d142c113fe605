#!/usr/bin/env python3
"""Medians (min-max) over the runs of series.sh, as markdown tables for docs/performance.md: first the goals of
issue 14 with their status, then every rate.

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
        java = re.match(r"^== system \d+: (.*?);", line)
        if java:
            run["java"] = java.group(1)
            continue
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


def spread(values, fmt=None):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    fmt = fmt or ((lambda v: f"{v:.2f}") if max(values) < 10 else (lambda v: f"{v:.0f}"))
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


CONSUMERS = ("email", "inventory", "analytics")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def status(value, target, unit=""):
    """Met, or by how much it misses: every goal here is an upper bound."""
    if value is None:
        return "not measured"
    if value <= target:
        return "**met**"
    return f"not met: {value / target:.1f} times the goal{unit}"


def sustainable(runs, rates):
    """The highest rate whose median p99 is within 200 ms, with no failed request and exact reconciliation in
    every run, and every rate below it too."""
    best = None
    for rate in rates:
        orders = [run.get(f"orders-{rate}", {}) for run in runs]
        p99 = median([o.get("p99") for o in orders])
        if p99 is None or p99 > 200 or any(o.get("failed", 1) > 0 or not o.get("exact") for o in orders):
            break
        best = (rate, p99)
    return best


def goals(runs, rates):
    def orders(rate, key):
        return [run.get(f"orders-{rate}", {}).get(key) for run in runs]

    def cpu(rate, name):
        values = []
        for run in runs:
            o = run.get(f"orders-{rate}", {}).get("cpu", {})
            if name == "services + broker":
                values.append(o["all of these"] - o.get("Gatling", 0) if "all of these" in o else None)
            else:
                values.append(o.get(name, o.get("broker (embedded)") if name == "broker (RabbitMQ)" else None))
        return values

    def ratio(rate):
        return [o / f if o and f else None for o, f in
                zip(orders(rate, "p99"), [run.get(f"floor-{rate}", {}).get("p99") for run in runs])]

    def lag(rate, consumer, index):
        return [((run.get(rate, {}).get("lag") or {}).get(consumer) or (None, None))[index] for run in runs]

    print("| goal | target | measured: median (min-max) | status |")
    print("|---|---|---|---|")
    total = cpu(300, "services + broker")
    parts = ", ".join(f"{label} {spread(cpu(300, name))}" for label, name in
                      (("order-api", "order-api"), ("email", "email-service"), ("inventory", "inventory-service"),
                       ("analytics", "analytics-service"), ("broker", "broker (RabbitMQ)")))
    print(f"| CPU per order at 300/s, services + broker | ≤ 2.0 ms | **{spread(total)} ms**: {parts} | "
          f"{status(median(total), 2.0)} |")
    best = sustainable(runs, rates)
    found = f"**{best[0]}/s**: p99 {spread(orders(best[0], 'p99'))} ms" if best else "**none** of the rates"
    above = [r for r in rates if best is None or r > best[0]]
    if above:
        found += f"; at {above[0]}/s p99 {spread(orders(above[0], 'p99'))} ms"
    met = best is not None and best[0] >= 700
    print(f"| sustainable rate (p99 ≤ 200 ms, 0 errors, exact, 60 s) | ≥ 700/s | {found} | "
          f"{'**met**' if met else 'not met: ' + (f'{best[0]}/s' if best else 'no rate')} |")
    cells, worst = [], None
    for rate in (300, 500):
        r = median(ratio(rate))
        worst = r if worst is None or (r is not None and r > worst) else worst
        cells.append(f"**{spread(ratio(rate))}×** at {rate}/s ({spread(orders(rate, 'p99'))} ms against "
                     f"{spread([run.get(f'floor-{rate}', {}).get('p99') for run in runs])})")
    print(f"| `POST /orders` p99 against the `{{}}` floor's p99, same run | ≤ 3× at 300/s and 500/s | "
          f"{'; '.join(cells)} | {status(worst, 3.0, ' at the worse rate')} |")
    lags = [median(lag("orders-500", c, 1)) for c in CONSUMERS]
    print("| end-to-end lag p99 at 500/s (email/inventory/analytics) | ≤ 250 ms | **" +
          "/".join(spread(lag("orders-500", c, 1)) for c in CONSUMERS) +
          f" ms** | {status(max((v for v in lags if v is not None), default=None), 250, ' (the slowest consumer)')} |")
    idle = [median(lag("idle", c, 0)) for c in CONSUMERS]
    print("| one order on an idle system, lag p50 (email/inventory/analytics) | ≤ 10 ms | **" +
          "/".join(spread(lag("idle", c, 0)) for c in CONSUMERS) +
          f" ms** | {status(max((v for v in idle if v is not None), default=None), 10)} |")
    disk = [run.get("disk", {}).get("bytes") for run in runs]
    counted = spread([run.get("disk", {}).get("orders") for run in runs])
    print(f"| disk across the four H2 databases | ≤ 5 KB per order (100,000 orders at 300/s: `disk.sh`) | "
          f"**{spread([d / 1000 if d else None for d in disk], lambda v: f'{v:.1f}')} KB** per order after {counted} orders at every rate "
          f"of the series | {status(median(disk), 5000)} |")
    print(f"| cold start: first 60 s at 100/s, no warm-up | p99 ≤ 200 ms | "
          f"**p99 {spread([run.get('cold', {}).get('p99') for run in runs])} ms**, p50 "
          f"{spread([run.get('cold', {}).get('p50') for run in runs])} ms | "
          f"{status(median([run.get('cold', {}).get('p99') for run in runs]), 200)} |")
    cost = [run.get("idle cost", {}).get("pct") for run in runs]
    print(f"| idle cost, services and broker | ≤ 5 % of one core | **{spread(cost)} %** | {status(median(cost), 5.0)} |")
    print()


def main():
    runs = [parse(path) for path in sys.argv[1:]]
    if not runs:
        sys.exit(__doc__)
    rates = sorted({int(key.split("-")[1]) for run in runs for key in run if key.startswith("orders-")})
    javas = sorted({run["java"] for run in runs if "java" in run})
    print(f"{len(runs)} run(s): median (min-max); {', '.join(javas) or 'Java version not recorded'}\n")
    goals(runs, rates)
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
