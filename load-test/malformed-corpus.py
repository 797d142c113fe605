#!/usr/bin/env python3
"""Sends COUNT requests made by mutating valid POST /orders bodies to a running order-api, and checks that none
is answered 5xx and that only the accepted ones (201) produce an order and an event.

  load-test/malformed-corpus.py [--count 10000] [--seed 1] [--base-url http://localhost:8080]
                                [--analytics-url http://localhost:8083]

Mutations: wrong types, huge and negative numbers, unicode and control characters, deep nesting, truncated JSON,
duplicated and unknown fields, wrong content types, empty and oversized bodies. A mutation may still be a valid
order (say, a quantity changed to another valid number): it is answered 201 and must then produce exactly one
event, which analytics' order count shows. Exit status 1 when a check fails.
"""
import argparse
import http.client
import json
import random
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter

VALID = {"customerEmail": "corpus@example.com", "paymentToken": "tok_visa",
         "items": [{"sku": "BOOK-001", "quantity": 2}, {"sku": "PEN-001", "quantity": 1}]}

ODD_VALUES = [None, True, False, 0, -1, 1.5, 1e308, -1e308, 2**63, -(2**63) - 1, 10**40, "", " ", "0", "1e9",
              "NaN", "\u0000", "\u202e\u0645\u0631\u062d\u0628\u0627", "\U0001F600" * 50, "a" * 5000,
              "\"';--", "<script>", [], {}, [1, 2], {"a": 1}, "tok_declined", "DOES-NOT-EXIST"]


def nested(rng, depth):
    """Deeply nested JSON as text (json.dumps would hit Python's recursion limit)."""
    opening = "".join(rng.choice(['[', '{"x":']) for _ in range(depth))
    return opening + "1" + "".join("]" if c == "[" else "}" for c in reversed(opening) if c in "[{")


def mutate(rng):
    body = json.loads(json.dumps(VALID))
    kind = rng.choice(["field", "field", "item", "item", "drop", "extra", "nest", "truncate", "raw", "items"])
    if kind == "field":
        body[rng.choice(list(body))] = rng.choice(ODD_VALUES)
    elif kind == "item":
        item = rng.choice(body["items"])
        item[rng.choice(["sku", "quantity", "price", "name"])] = rng.choice(ODD_VALUES + [rng.randint(-5, 200)])
    elif kind == "drop":
        del body[rng.choice(list(body))]
    elif kind == "extra":
        body[rng.choice(["id", "totalAmount", "paymentRef", "customerEmail ", "__proto__"])] = rng.choice(ODD_VALUES)
    elif kind == "nest":
        body[rng.choice(list(body))] = "__NESTED__"
    elif kind == "items":
        body["items"] = rng.choice([[], [{}] * rng.randint(1, 60), [{"sku": "PEN-001", "quantity": 1}] * 51,
                                    "PEN-001", None, [None], [[1]]])
    text = json.dumps(body, ensure_ascii=rng.random() < 0.5)
    if kind == "nest":
        text = text.replace('"__NESTED__"', nested(rng, rng.choice([10, 100, 1000, 5000])))
    if kind == "truncate":
        text = text[:rng.randint(0, len(text) - 1)]
    elif kind == "raw":
        text = rng.choice(["", "null", "[]", "\"x\"", "{", "}", "{\"a\":}", text.replace("\"", "'"),
                           text + "garbage", "\ufeff" + text, text.encode("utf-16").decode("latin-1"),
                           "{" * 10000, "x" * (1024 * 1024 + 10)])
    content_type = rng.choice(["application/json"] * 8 + ["text/plain", "application/xml",
                                                          "application/json; charset=latin-1", ""])
    return text.encode("utf-8", "surrogatepass"), content_type


def analytics_orders(url):
    with urllib.request.urlopen(url + "/analytics/summary", timeout=10) as answer:
        return json.load(answer)["orders"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--base-url", default="http://localhost:8080")
    parser.add_argument("--analytics-url", default="http://localhost:8083")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    target = urllib.parse.urlsplit(args.base_url)

    before = analytics_orders(args.analytics_url)
    statuses, server_errors, accepted = Counter(), [], 0
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    started = time.monotonic()
    for i in range(args.count):
        body, content_type = mutate(rng)
        headers = {"Content-Type": content_type} if content_type else {}
        for attempt in range(2):
            try:
                connection.request("POST", "/orders", body=body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                break
            except (http.client.HTTPException, OSError):
                # The server may close the connection after an error answer (say, a body it refused to read).
                connection.close()
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                if attempt == 1:
                    statuses["no answer"] += 1
                    answer = None
        if answer is None:
            continue
        statuses[answer.status] += 1
        if answer.status >= 500:
            server_errors.append((answer.status, body[:200]))
        if answer.status == 201:
            accepted += 1
        if answer.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    elapsed = time.monotonic() - started

    # Every accepted order must reach analytics once, and nothing else may.
    deadline = time.monotonic() + 60
    while True:
        recorded = analytics_orders(args.analytics_url) - before
        if recorded >= accepted or time.monotonic() > deadline:
            break
        time.sleep(1)
    time.sleep(3)
    recorded = analytics_orders(args.analytics_url) - before

    print(f"malformed corpus: {args.count} requests (seed {args.seed}) in {elapsed:.0f} s: "
          + ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items(), key=lambda kv: str(kv[0]))))
    print(f"  5xx answers: {len(server_errors)}; accepted (201): {accepted}; orders recorded by analytics: {recorded}")
    for status, body in server_errors[:5]:
        print(f"  {status} for {body!r}")
    ok = not server_errors and recorded == accepted and statuses["no answer"] == 0
    print("  ok: no 5xx, and events only for accepted requests" if ok else "  FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
