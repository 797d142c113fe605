#!/usr/bin/env python3
"""Checks the Grafana dashboard of docker compose (compose/grafana/dashboards/ecomnow.json).

  check-dashboard.py static            the JSON parses; stable uid; every panel uses the provisioned Prometheus
                                       datasource and has a query; prints the metric names the queries use
  check-dashboard.py live PROMETHEUS   runs every panel's query against that Prometheus, as Grafana would, and
                                       fails unless each returns data

CI has no Grafana (Debian has no package): running the exact queries against the stack's real Prometheus is how
it proves the dashboard shows something.
"""
import json
import pathlib
import re
import sys
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "compose/grafana/dashboards/ecomnow.json"
DATASOURCES = ROOT / "compose/grafana/provisioning/datasources/prometheus.yml"
UID = "ecomnow-overview"
# The Grafana variables the queries use, and what Grafana would put in their place on a 15-minute view.
GRAFANA_VARIABLES = {"$__rate_interval": "1m"}
PROMQL_WORDS = {"sum", "by", "rate", "max", "histogram_quantile", "le", "job", "instance", "queue", "outcome",
                "vhost", "uri", "method", "status", "area", "or", "and", "unless", "vector", "on", "without"}


def queries(dashboard):
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            yield panel["title"], target["expr"]


def static():
    dashboard = json.loads(DASHBOARD.read_text())
    problems = []
    if dashboard.get("uid") != UID:
        problems.append(f"uid is {dashboard.get('uid')!r}, links and the home dashboard expect {UID!r}")
    datasource_uid = re.search(r"^\s*uid:\s*(\S+)", DATASOURCES.read_text(), re.M).group(1)
    ids = [panel["id"] for panel in dashboard["panels"]]
    if len(ids) != len(set(ids)):
        problems.append(f"panel ids repeat: {ids}")
    for panel in dashboard["panels"]:
        if panel.get("datasource", {}).get("uid") != datasource_uid:
            problems.append(f"panel {panel['title']!r} does not use datasource {datasource_uid!r}")
        if not panel.get("targets") or not all(t.get("expr") for t in panel["targets"]):
            problems.append(f"panel {panel['title']!r} has no query")
    for title, expr in queries(dashboard):
        if expr.count("(") != expr.count(")") or expr.count("{") != expr.count("}"):
            problems.append(f"unbalanced query in {title!r}: {expr}")
    names = sorted({name for _, expr in queries(dashboard) for name in metric_names(expr)})
    for problem in problems:
        print("dashboard:", problem)
    print("dashboard: %d panels, metrics: %s" % (len(ids), " ".join(names)))
    return not problems


def metric_names(expr):
    without_labels = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\"[^\"]*\"", "", expr)
    return {word for word in re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", without_labels)
            if word not in PROMQL_WORDS and not re.fullmatch(r"\d.*", word)}


def live(prometheus):
    dashboard = json.loads(DASHBOARD.read_text())
    empty = []
    for title, expr in queries(dashboard):
        query = expr
        for variable, value in GRAFANA_VARIABLES.items():
            query = query.replace(variable, value)
        url = prometheus.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
        with urllib.request.urlopen(url, timeout=10) as response:
            result = json.load(response)["data"]["result"]
        print(f"  {len(result):3d} series  {title}: {expr[:90]}")
        if not result:
            empty.append(f"{title}: {expr}")
    for query in empty:
        print("dashboard: no data for", query)
    return not empty


if __name__ == "__main__":
    ok = static() if sys.argv[1:2] == ["static"] else live(sys.argv[2])
    sys.exit(0 if ok else 1)
