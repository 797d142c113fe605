#!/usr/bin/env python3
"""Prints the per-request statistics table of a Gatling HTML report, e.g. to compare async and sync requests.

    load-test/report-stats.py load-test/target/gatling/<simulation>-<timestamp>
"""
import glob
import html
import re
import sys

ROWS = ["Request count", "Min", "50th percentile", "75th percentile", "95th percentile", "99th percentile", "Max",
        "Mean", "Std Deviation"]


def stats(page):
    text = open(page, encoding="utf-8").read()
    name = re.search(r"<title>(.*?)</title>", text, re.S)
    values = {}
    for title, total in re.findall(r'<td class="title">\s*([^<]+?)\s*</td>\s*<td class="total">\s*([^<]*?)\s*</td>',
                                   text):
        values.setdefault(title.strip(), total.replace(",", ""))
    return html.unescape(name.group(1).strip()) if name else page, values


def main(report):
    pages = sorted(glob.glob(report.rstrip("/") + "/req_*.html"))
    if not pages:
        sys.exit("no req_*.html in " + report)
    found = [stats(page) for page in pages]
    keys = [k for k in ROWS if any(k.lower() in (t.lower() for t in v) for _, v in found)] or \
        sorted({k for _, v in found for k in v})
    print("request".ljust(40) + "".join(k[:14].rjust(16) for k in keys))
    for name, values in found:
        lookup = {k.lower(): v for k, v in values.items()}
        print(name[:40].ljust(40) + "".join(lookup.get(k.lower(), "?").rjust(16) for k in keys))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else max(glob.glob("load-test/target/gatling/*/"), key=len))
