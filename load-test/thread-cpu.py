#!/usr/bin/env python3
"""Which threads of each EcomNow process use the CPU, over a window of a running system.

    load-test/thread-cpu.py [--seconds 20] [--top 12]

Reads user + system time of every thread (/proc/<pid>/task/<tid>/stat) of the four services, the broker and
Gatling at the start and the end of the window, and prints, per process, the busiest thread groups (thread names
with their numbers removed, so the four "outbox-relay-N" count as one) in % of one core. Tells JIT compilation,
garbage collection and polling threads apart from the threads that do the orders' work. Linux only.
"""
import argparse
import collections
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
cpu = __import__("cpu-per-order")

TICKS = os.sysconf("SC_CLK_TCK")


def threads(pid):
    found = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        found[tid] = (name, int(fields[11]) + int(fields[12]))
    return found


def group(name):
    return re.sub(r"[-#\s]*\d+$", "", re.sub(r"\d+", "N", name)) or name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    pids = {}
    for name, pattern in cpu.PROCESSES:
        pid = cpu.pid_of(pattern)
        if pid:
            pids[name] = pid
    before = {name: threads(pid) for name, pid in pids.items()}
    time.sleep(args.seconds)
    for name, pid in pids.items():
        after = threads(pid)
        groups = collections.Counter()
        for tid, (thread, ticks) in after.items():
            groups[group(thread)] += ticks - before[name].get(tid, (thread, 0))[1]
        total = sum(groups.values())
        print(f"{name}: {100.0 * total / TICKS / args.seconds:.1f} % of one core")
        for thread, ticks in groups.most_common(args.top):
            if ticks:
                print(f"   {100.0 * ticks / TICKS / args.seconds:6.1f} %  {thread}")


if __name__ == "__main__":
    main()
