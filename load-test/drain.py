#!/usr/bin/env python3
"""Drain rate: how fast each consumer works off a backlog once the load has stopped, and the CPU it spends per
message while nothing else runs (no orders, no Gatling).

    load-test/drain.py --frozen FILE --thawed FILE [--idle 3]

drain.sh starts it before it freezes the consumers (SIGSTOP) and creates the two files when it has frozen and
thawed them. It reads each consumer's ecomnow_consumer_messages_total (every outcome) at its start, while the
consumers are idle; their CPU time once they are frozen; then, from the moment they are thawed, their counts four
times a second. Each consumer's window closes at its last change before its count stood still for --idle
seconds: the backlog is gone. Prints, per consumer: the messages it settled in its window (a few of the load's
first messages, settled before the freeze, count too), the window's length, the rate, its CPU per message and
share of a core; the machine's idle share and the broker's CPU per message over the longest window.
Ports: EMAIL_SERVICE_PORT, INVENTORY_SERVICE_PORT, ANALYTICS_SERVICE_PORT.
"""
import argparse
import importlib.util
import os
import pathlib
import sys
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("cpu_per_order", HERE / "cpu-per-order.py")
cpu = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cpu)

CONSUMERS = {"email-service": os.environ.get("EMAIL_SERVICE_PORT", "8081"),
             "inventory-service": os.environ.get("INVENTORY_SERVICE_PORT", "8082"),
             "analytics-service": os.environ.get("ANALYTICS_SERVICE_PORT", "8083")}


def settled(port):
    """Messages the consumer has settled so far, whatever the outcome (processed, duplicate, parked)."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=10).read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("ecomnow_consumer_messages_total{"))


def wait_for(path):
    while not os.path.exists(path):
        time.sleep(0.02)


def main():
    parser = argparse.ArgumentParser(description="drain rate and CPU per message of the consumers")
    parser.add_argument("--frozen", required=True, metavar="FILE")
    parser.add_argument("--thawed", required=True, metavar="FILE")
    parser.add_argument("--idle", type=float, default=3.0)
    args = parser.parse_args()

    pids = {name: cpu.pid_of(pattern, name) for name, pattern in cpu.PROCESSES if name in CONSUMERS
            or name.startswith("broker")}
    pids = {name: pid for name, pid in pids.items() if pid}
    broker = next((name for name in pids if name.startswith("broker")), None)
    counts = {name: settled(port) for name, port in CONSUMERS.items()}
    wait_for(args.frozen)
    cpus = {name: cpu.cpu_ms(pids[name]) for name in CONSUMERS}  # they do not change while frozen
    wait_for(args.thawed)
    opened = time.monotonic()
    broker_start = broker_end = cpu.cpu_ms(pids[broker]) if broker else None
    machine_start = machine_end = cpu.machine()
    first = {name: (counts[name], cpus[name]) for name in CONSUMERS}
    last = {name: (opened, counts[name], cpus[name]) for name in CONSUMERS}  # time, count, cpu at last change
    moved = dict.fromkeys(CONSUMERS, opened)
    while True:
        time.sleep(0.25)
        now = time.monotonic()
        for name, port in CONSUMERS.items():
            count = settled(port)
            if count != last[name][1]:
                last[name] = (now, count, cpu.cpu_ms(pids[name]))
                moved[name] = now
                if broker:
                    broker_end = cpu.cpu_ms(pids[broker])
                machine_end = cpu.machine()
        if all(now - moved[name] >= args.idle for name in CONSUMERS):
            break
        if now - opened > 900:
            sys.exit("the consumers were still busy after 15 minutes")

    print("DRAIN after the load (window per consumer: from the thaw to its last message)")
    total = 0.0
    for name in CONSUMERS:
        ended, count, cpu_end = last[name]
        messages, seconds = count - first[name][0], ended - opened
        total += messages
        if messages < 100 or seconds <= 0:
            print(f"  {name:<18} no backlog ({messages:.0f} messages after the load)")
            continue
        used = cpu_end - first[name][1]
        print(f"  {name:<18} {messages:6.0f} messages in {seconds:5.1f} s = {messages / seconds:6.0f}/s, "
              f"{used / messages:5.2f} ms CPU/message, {100 * used / (seconds * 1000):5.1f} % of one core")
    ticks = {key: machine_end[key] - machine_start[key] for key in machine_end}
    print(f"  {'machine':<18} idle {100.0 * ticks['idle'] / max(1, ticks['total']):.1f} % of the longest window, "
          f"stolen {100.0 * ticks['steal'] / max(1, ticks['total']):.1f} %")
    if broker and total > 0:
        seconds = max(last[name][0] for name in CONSUMERS) - opened
        used = broker_end - broker_start
        print(f"  {broker:<18} {used / total:5.2f} ms CPU/message (all three queues), "
              f"{100 * used / (max(seconds, 0.001) * 1000):5.1f} % of one core")


if __name__ == "__main__":
    main()
