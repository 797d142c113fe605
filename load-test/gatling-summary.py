#!/usr/bin/env python3
"""One line from the console output of a Gatling run: requests, failed, mean, p50, p95, p99, max (ms).

  load-test/gatling-summary.py GATLING_OUTPUT_FILE
"""
import re
import sys

text = open(sys.argv[1]).read()


def stat(name, column=0):
    match = re.search(r"> " + re.escape(name) + r"\s*\|\s*([\d.,]+|-)\s*\|\s*([\d.,]+|-)\s*\|\s*([\d.,]+|-)", text)
    return match.group(1 + column).replace(",", "") if match else "?"


if "Global Information" not in text:
    print("no Gatling summary")
else:
    failed = stat("request count", 2)
    print(f"requests={stat('request count')} failed={0 if failed == '-' else failed} "
          f"mean={stat('mean response time (ms)')} p50={stat('response time 50th percentile (ms)')} "
          f"p95={stat('response time 95th percentile (ms)')} p99={stat('response time 99th percentile (ms)')} "
          f"max={stat('max response time (ms)')}")
