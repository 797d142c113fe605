#!/usr/bin/env python3
"""Runs the workshop's labs as written and checks what they print, so that a page cannot rot.

  verify-labs.py local|compose [LAB_FILE...]     run every lab (or the ones named) in that way of running
  verify-labs.py --list-manual                   list the blocks that cannot run unattended
  verify-labs.py --self-test                     check the matcher itself

The system must already be up (CI starts it: ./run-local.sh, or docker compose up). Each lab page runs in one
bash process from the repository's root, its blocks in order, so a variable set in one block is there in the
next. Fences (the text after the three backticks):

  bash                a command block for both ways of running
  bash local          only with ./run-local.sh            bash compose   only with docker compose
  bash manual         not run (a browser, a second terminal left open); listed by --list-manual
  output              what the block just before printed; checked line by line:
                        <id>  a UUID              <n>  a whole number      <num>  any number
                        <time>  an ISO-8601 time  <any>  any text on the line
                        ...  (a line of its own)  any number of lines, none included
                      Everything else must match exactly (trailing spaces aside).
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
LABS = ROOT / "docs" / "workshop"
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.M | re.S)
PLACEHOLDERS = {
    "<id>": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    "<n>": r"\d+",
    "<num>": r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?",
    "<time>": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})",
    "<any>": r".*",
}
TOKEN = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
LAB_TIMEOUT = 900


def lab_files():
    return sorted(LABS.glob("lab-*.md"))


def blocks(page):
    """(kind, tags, text) for every fenced block of a page, in order; kind is 'bash', 'output' or 'other'."""
    for match in FENCE.finditer(page):
        words = match.group(1).split()
        kind = words[0] if words and words[0] in ("bash", "output") else "other"
        yield kind, set(words[1:]), match.group(2)


def line_pattern(expected):
    parts, last = [], 0
    for token in TOKEN.finditer(expected):
        parts.append(re.escape(expected[last:token.start()]))
        parts.append(PLACEHOLDERS[token.group(0)])
        last = token.end()
    parts.append(re.escape(expected[last:]))
    return re.compile("".join(parts) + r"\Z")


def matches(expected_text, actual_text):
    """True if the actual lines fit the expected ones (with placeholders and '...' gaps)."""
    expected = [line.rstrip() for line in expected_text.rstrip("\n").split("\n")]
    actual = [line.rstrip() for line in actual_text.rstrip("\n").split("\n")] if actual_text.strip() else []

    def fit(e, a):
        if e == len(expected):
            return a == len(actual)
        if expected[e] == "...":
            return any(fit(e + 1, k) for k in range(a, len(actual) + 1))
        return a < len(actual) and line_pattern(expected[e]).match(actual[a]) is not None and fit(e + 1, a + 1)

    return fit(0, 0)


def run_lab(path, mode):
    steps = []
    pending = None
    for kind, tags, text in blocks(path.read_text()):
        if kind == "bash":
            pending = None
            if "manual" in tags or (tags & {"local", "compose"} and mode not in tags):
                continue
            pending = {"command": text, "expected": None}
            steps.append(pending)
        elif kind == "output" and pending is not None and pending["expected"] is None:
            pending["expected"] = text
    marker = "@@ecomnow-lab-step"
    script = ["exec 2>&1", f"cd {ROOT}"]
    for number, step in enumerate(steps):
        script += [step["command"], f'printf "\\n{marker} {number} %s\\n" "$?"']
    started = time.monotonic()
    # From a file, stdin empty: a command that reads stdin (docker compose exec) must not eat the rest of the lab.
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as file:
        file.write("\n".join(script) + "\n")
    try:
        result = subprocess.run(["bash", file.name], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                timeout=LAB_TIMEOUT)
    finally:
        pathlib.Path(file.name).unlink()
    outputs, current = [], []
    for line in result.stdout.split("\n"):
        if line.startswith(marker):
            outputs.append(("\n".join(current).strip("\n"), int(line.split()[2])))
            current = []
        else:
            current.append(line)
    failures = []
    for number, step in enumerate(steps):
        if number >= len(outputs):
            failures.append(f"step {number + 1} never finished (the lab's shell exited):\n{step['command']}")
            break
        output, status = outputs[number]
        if status != 0 and step["expected"] is None:
            failures.append(f"step {number + 1} exited with {status}:\n{step['command']}\n--- printed:\n{output}")
        elif step["expected"] is not None and not matches(step["expected"], output):
            failures.append(f"step {number + 1} printed something else:\n{step['command']}\n--- expected:\n"
                            f"{step['expected']}--- printed:\n{output}")
    print(f"{path.name} ({mode}): {len(steps)} steps, {time.monotonic() - started:.0f} s, "
          + ("ok" if not failures else f"{len(failures)} FAILED"))
    for failure in failures:
        print("  " + failure.replace("\n", "\n    "))
    if failures and mode == "compose":
        # What the containers were doing when a step failed: the one clue a CI log can keep.
        state = subprocess.run(["docker", "compose", "ps", "-a", "--format", "table {{.Name}}\t{{.Status}}"],
                               cwd=ROOT, capture_output=True, text=True)
        print("  docker compose ps -a:\n    " + (state.stdout + state.stderr).strip().replace("\n", "\n    "))
        # The broker's own view, not the management statistics the labs read (those lag).
        queues = subprocess.run(["docker", "compose", "exec", "-T", "rabbitmq", "rabbitmqctl", "-q", "list_queues",
                                 "-p", "ecomnow", "name", "messages_ready", "messages_unacknowledged", "consumers"],
                                cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        print("  rabbitmqctl list_queues:\n    " + (queues.stdout + queues.stderr).strip().replace("\n", "\n    "))
    return not failures


def list_manual():
    for path in lab_files() + [LABS / "README.md"]:
        for kind, tags, text in blocks(path.read_text()):
            if kind == "bash" and "manual" in tags:
                print(f"{path.name}: {text.strip().splitlines()[0]}")


def self_test():
    assert matches("a <n> b", "a 12 b")
    assert not matches("a <n> b", "a x b")
    assert matches("x\n...\nz", "x\ny1\ny2\nz")
    assert matches("x\n...\nz", "x\nz")
    assert not matches("x\nz", "x\ny\nz")
    assert matches('{"id":"<id>","at":"<time>"}',
                   '{"id":"7a9aae31-58f9-4a5d-b5ed-215350eaad23","at":"2026-11-22T20:29:31.276436Z"}')
    assert matches("total: <num> ms <any>", "total: 3.5 ms and more")
    assert not matches("one", "one\ntwo")
    print("matcher ok")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["--list-manual"]:
        list_manual()
    elif args == ["--self-test"]:
        self_test()
    elif args and args[0] in ("local", "compose"):
        files = [pathlib.Path(a).resolve() for a in args[1:]] or lab_files()
        ok = all([run_lab(path, args[0]) for path in files])
        sys.exit(0 if ok else 1)
    else:
        print(__doc__)
        sys.exit(2)
