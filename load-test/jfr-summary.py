#!/usr/bin/env python3
"""Where a service's CPU samples go, from a JFR recording: the summary the performance notes quote.

    load-test/jfr-summary.py RECORDING.jfr [...]

For each recording: the number of execution samples; self time by library (the package of the innermost frame,
i.e. where the CPU actually was); the share of samples whose stack passes through a library or a known costly
call (inclusive: H2's commit, Hibernate, Jackson, Micrometer, ...); the innermost EcomNow method on the stack;
and the garbage collection pauses. Needs the JDK's `jfr` tool (JAVA_HOME/bin, or on the PATH). Record with, for example,
`jcmd <pid> JFR.start duration=30s settings=profile filename=order-api.jfr` (load-test/profile.sh does it).
"""
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

INCLUSIVE = [  # label, a prefix of a frame "package.Class.method"
    ("H2 commit (MVStore.store)", "org.h2.mvstore.MVStore.store"),
    ("H2, all", "org.h2."),
    ("Hibernate (ORM and Validator)", "org.hibernate."),
    ("Hibernate Validator", "org.hibernate.validator."),
    ("Spring transactions", "org.springframework.transaction."),
    ("Spring Data", "org.springframework.data."),
    ("JdbcTemplate", "org.springframework.jdbc."),
    ("Spring MVC", "org.springframework.web."),
    ("Spring AMQP", "org.springframework.amqp."),
    ("RabbitMQ client", "com.rabbitmq."),
    ("Tomcat", "org.apache."),
    ("Jackson", "tools.jackson."),
    ("Micrometer", "io.micrometer."),
    ("Logback", "ch.qos.logback."),
    ("EcomNow code", "com.ecomnow."),
]


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    candidate = os.path.join(home, "bin", "jfr") if home else None
    tool = candidate if candidate and os.path.exists(candidate) else shutil.which("jfr")
    if not tool:
        sys.exit("the JDK's jfr tool was not found: set JAVA_HOME to a JDK")
    return tool


def events(tool, recording, names):
    out = subprocess.run([tool, "print", "--json", "--stack-depth", "256", "--events", names, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frames_of(event):
    trace = event["values"].get("stackTrace") or {"frames": []}
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in trace["frames"]]


def millis(duration):
    """JFR's JSON writes durations as ISO-8601, e.g. PT0.119086441S."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", duration)
    if not match:
        raise ValueError(f"unexpected JFR duration {duration!r}")
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


def library(frame):
    parts = frame.split(".")
    depth = 3 if parts[0] in ("org", "com", "io", "tools", "ch", "jdk", "sun") else 2
    return ".".join(parts[:depth])


def summarise(tool, recording):
    samples = [frames_of(e) for e in events(tool, recording, "jdk.ExecutionSample")]
    samples = [s for s in samples if s]
    print(f"== {recording}: {len(samples)} execution samples")
    if not samples:
        return
    n = len(samples)
    print("  self time by library (innermost frame):")
    for name, count in collections.Counter(library(s[0]) for s in samples).most_common(10):
        print(f"    {100 * count / n:5.1f} %  {name}")
    print("  samples whose stack passes through (inclusive):")
    for label, prefix in INCLUSIVE:
        count = sum(1 for s in samples if any(f.startswith(prefix) for f in s))
        if count:
            print(f"    {100 * count / n:5.1f} %  {label}")
    print("  our code on the stack (innermost EcomNow frame; lambdas under their class):")
    ours = collections.Counter(
        next((f for f in s if f.startswith("com.ecomnow.")), "(no EcomNow frame)").split("$$")[0] for s in samples)
    for name, count in ours.most_common(8):
        print(f"    {100 * count / n:5.1f} %  {name}")
    pauses = [millis(e["values"]["sumOfPauses"]) for e in events(tool, recording, "jdk.GarbageCollection")]
    if pauses:
        print(f"  GC: {len(pauses)} collections, pauses total {sum(pauses):.0f} ms, "
              f"median {statistics.median(pauses):.0f} ms, max {max(pauses):.0f} ms")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tool = jfr_tool()
    for recording in sys.argv[1:]:
        summarise(tool, recording)


if __name__ == "__main__":
    main()
