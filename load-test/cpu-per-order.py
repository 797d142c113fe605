#!/usr/bin/env python3
"""CPU time per order, by process, over a window of a running load test.

    load-test/cpu-per-order.py [--seconds 30] [--base-url http://localhost:8080] [--after-orders-start S]

--count answered divides by every POST /orders answered, whatever its status: the CPU per request of the
{} floor (FloorSimulation), whose requests all get 400.

--after-orders-start S waits until order-api answers a new POST /orders, then S seconds more (past the ramp),
before the window opens: bench.sh starts it beside each measured run, while Maven still compiles and the
simulation still waits for the consumers to catch up.

Reads each process's user + system CPU time from /proc/<pid>/stat at the start and the end of the window, and
the number of orders order-api accepted (201) in it (its Prometheus endpoint), and prints CPU milliseconds per
accepted order for the four services, the broker (RabbitMQ or the embedded one) and Gatling, with the machine's
idle share. On a machine where everything shares the cores, this says who uses them, and whether the machine (idle
near 0 %) or something else is the limit. Linux only.
"""
import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request

PROCESSES = [  # name, a pattern of its command line (pgrep -f)
    ("order-api", r"order-api-[^ ]*\.jar"),
    ("email-service", r"email-service-[^ ]*\.jar"),
    ("inventory-service", r"inventory-service-[^ ]*\.jar"),
    ("analytics-service", r"analytics-service-[^ ]*\.jar"),
    ("broker (RabbitMQ)", r"beam\.smp.* -s rabbit boot"),
    ("broker (embedded)", r"ecomnow-broker\.jar"),
    ("Gatling", r"io\.gatling\.app\.Gatling"),
]
TICKS = os.sysconf("SC_CLK_TCK")


def pid_of(pattern, name=None):
    found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    if len(found) > 1 and name:
        print(f"  warning: {len(found)} processes look like {name} ({', '.join(found)}); measuring {found[0]}")
    return int(found[0]) if found else None


def cpu_ms(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # The command name (field 2) may hold spaces: split after its closing parenthesis.
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / TICKS  # utime, stime
    except (FileNotFoundError, ProcessLookupError):
        return None


def machine():
    """Ticks of all cores: idle (with iowait), stolen by the hypervisor, and in all (guest time is inside user)."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:9]]
    return {"idle": values[3] + values[4], "steal": values[7], "total": sum(values)}


def orders(base_url):
    """POST /orders answered so far: (accepted with 201, all)."""
    # An overloaded order-api may take a while to answer: wait (a window that starts late is still a window).
    for attempt in range(3):
        try:
            text = urllib.request.urlopen(base_url + "/actuator/prometheus", timeout=30).read().decode()
            break
        except OSError:
            if attempt == 2:
                print("no figure: order-api did not answer /actuator/prometheus within 3 x 30 s")
                sys.exit(0)
    accepted = answered = 0.0
    for line in text.splitlines():
        if line.startswith("http_server_requests_seconds_count{") and 'method="POST"' in line \
                and 'uri="/orders"' in line:
            count = float(line.rsplit(" ", 1)[1])
            answered += count
            accepted += count if 'status="201"' in line else 0
    return accepted, answered


def main():
    parser = argparse.ArgumentParser(description="CPU time per order, by process")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--base-url", default="http://localhost:8080")
    parser.add_argument("--after-orders-start", type=float, metavar="S")
    parser.add_argument("--count", choices=["accepted", "answered"], default="accepted",
                        help="divide by the orders accepted (201), or by every POST /orders answered (the {} floor)")
    args = parser.parse_args()
    seconds, base_url = args.seconds, args.base_url.rstrip("/")
    try:
        before = orders(base_url)
    except OSError as problem:
        sys.exit(f"order-api does not answer at {base_url}/actuator/prometheus: {problem}")
    if args.after_orders_start is not None:
        deadline = time.monotonic() + 600
        while orders(base_url)[1] == before[1]:
            if time.monotonic() > deadline:
                sys.exit("no order placed within 10 minutes")
            time.sleep(0.5)
        time.sleep(args.after_orders_start)
    pids = {name: pid_of(pattern, name) for name, pattern in PROCESSES}
    pids = {name: pid for name, pid in pids.items() if pid}
    start_cpu = {name: cpu_ms(pid) for name, pid in pids.items()}
    start_machine, start_orders, started = machine(), orders(base_url), time.monotonic()
    time.sleep(seconds)
    end_cpu = {name: cpu_ms(pid) for name, pid in pids.items()}
    end_machine, end_orders, elapsed = machine(), orders(base_url), time.monotonic() - started

    placed = end_orders[0] - start_orders[0]
    rejected = end_orders[1] - start_orders[1] - placed
    if args.count == "answered":
        placed, rejected = placed + rejected, 0
    ticks = {key: end_machine[key] - start_machine[key] for key in end_machine}
    idle = 100.0 * ticks["idle"] / max(1, ticks["total"])
    steal = 100.0 * ticks["steal"] / max(1, ticks["total"])
    print(f"CPU PER ORDER over {elapsed:.0f} s: {placed:.0f} orders ({placed / elapsed:.0f}/s), "
          f"machine idle {idle:.1f} %, stolen {steal:.1f} %, {os.cpu_count()} cores")
    if rejected > 0:
        print(f"  {rejected:.0f} more POST /orders were answered with an error: their CPU is counted too")
    if placed <= 0:
        print("  no orders placed in the window")
        return
    total = 0.0
    for name in pids:
        if start_cpu[name] is None or end_cpu[name] is None:
            print(f"  {name:<20} (exited during the window)")
            continue
        used = end_cpu[name] - start_cpu[name]
        total += used
        print(f"  {name:<20} {used / placed:6.2f} ms/order  {100 * used / (elapsed * 1000):5.1f} % of one core")
    print(f"  {'all of these':<20} {total / placed:6.2f} ms/order  {100 * total / (elapsed * 1000):5.1f} % of one core")
    # Busy time the list does not explain: Maven compiling the simulation, the benchmark's own scripts, others.
    busy_ms = (ticks["total"] - ticks["idle"] - ticks["steal"]) * 1000 / TICKS
    print(f"  {'anything else':<20} {max(0.0, busy_ms - total) / placed:6.2f} ms/order")


if __name__ == "__main__":
    main()
