#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Compare mend's stability results with gmcr-py's recorded ones (docs/gmcr.md).

Usage:
  scripts/compare-gmcr-py.py DIR [--mend PATH] [--published FILE.gmcr=EXPECTED.json ...]

DIR is a folder you fetched yourself from the public gmcr-py repository (for instance a clone
of it): every `*.gmcr` file under it is run through `mend states` and `mend stability` under
both sanction rules. When a file named `<stem>_logSol.txt` sits anywhere under DIR, mend's
Nash, GMR, SEQ and SMR equilibria are compared with it. A logSol file is gmcr-py's logical
solver output as its own test suite stores it: one text row per solution concept, in the order
Nash, GMR, SEQ, SIM, SEQ+SIM, SMR; each row holds one number per feasible state, in gmcr-py's
state order (state 1 first), written as a floating-point 1 when the state is an equilibrium
under that concept and 0 when not. Only the Nash, GMR, SEQ and SMR rows are compared (mend has
no SIM).

--published FILE.gmcr=EXPECTED.json compares a file's equilibria with results in the shape of
`mend stability --format json` (an "equilibria" object of patterns); FILE.gmcr is a path
relative to DIR, and the patterns must use the file's options in mend's order.

Prints a Markdown table. Exits 0 when every recorded or published result agrees with mend's
gmcr-plus rule, 1 when one disagrees or mend refuses a file that has a recorded result, and 2
on usage errors. Nothing of gmcr-py is embedded here: the script only reads the files you give
it.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

CONCEPTS = ["nash", "gmr", "seq", "smr"]
LOGSOL_ROWS = {"nash": 0, "gmr": 1, "seq": 2, "smr": 5}
RULES = ["gmcr-plus", "textbook"]


def find_mend(explicit):
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in ("build/ci/apps/cli/mend", "build/release/apps/cli/mend",
                      "build/dev/apps/cli/mend"):
        path = os.path.join(here, "..", candidate)
        if os.access(path, os.X_OK):
            return os.path.normpath(path)
    return shutil.which("mend")


def run_json(mend, args):
    """Runs mend and returns (parsed JSON, None) or (None, first line of its error)."""
    done = subprocess.run([mend] + args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return None, lines[0] if lines else f"exit status {done.returncode}"
    return json.loads(done.stdout), None


def read_logsol(path):
    """Parses a logSol file into {concept: set of 1-based state numbers} and the state count."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append([float(x) for x in line.split()])
            except ValueError:
                raise SystemExit(f"{path}:{number}: expected numbers separated by spaces")
    if len(rows) != 6 or len({len(r) for r in rows}) != 1:
        raise SystemExit(f"{path}: expected 6 rows of equal length (Nash, GMR, SEQ, SIM, SEQ+SIM, "
                         f"SMR), got {len(rows)} rows")
    result = {c: {k + 1 for k, v in enumerate(rows[i]) if v != 0.0}
              for c, i in LOGSOL_ROWS.items()}
    return result, len(rows[0])


def gmcr_numbers(states):
    """Maps each pattern to gmcr-py's state number and checks mend numbers states the same way.

    gmcr-py numbers the feasible states 1, 2, ... in ascending order of their binary value,
    with the first option (after regrouping the options by decision maker) as the lowest bit.
    """
    def value(pattern):
        return sum(1 << k for k, c in enumerate(pattern) if c == "Y")
    ordered = sorted(states["states"], key=lambda s: value(s["pattern"]))
    numbers = {s["pattern"]: k + 1 for k, s in enumerate(ordered)}
    mismatched = [s["pattern"] for s in states["states"] if s["number"] != numbers[s["pattern"]]]
    return numbers, mismatched


def fmt(numbers, total):
    """Lists a set of state numbers; long sets are summarised."""
    if len(numbers) > 24:
        if len(numbers) == total:
            return f"all {total}"
        head = ", ".join(str(n) for n in sorted(numbers)[:8])
        return f"{len(numbers)} states: {{{head}, …}}"
    return "{" + ", ".join(str(n) for n in sorted(numbers)) + "}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir")
    parser.add_argument("--mend")
    parser.add_argument("--published", action="append", default=[], metavar="FILE=JSON")
    args = parser.parse_args()
    if not os.path.isdir(args.dir):
        parser.error(f"{args.dir} is not a directory")
    mend = find_mend(args.mend)
    if not mend:
        parser.error("mend not found; build it (cmake --preset ci) or pass --mend PATH")
    published = {}
    for item in args.published:
        if "=" not in item:
            parser.error(f"--published {item}: expected FILE.gmcr=EXPECTED.json")
        name, path = item.split("=", 1)
        with open(path, encoding="utf-8") as f:
            published[os.path.normpath(name)] = (path, json.load(f)["equilibria"])

    gmcr_files, logsols = [], {}
    for root, _, files in os.walk(args.dir):
        for name in files:
            full = os.path.join(root, name)
            if name.endswith(".gmcr"):
                gmcr_files.append(os.path.relpath(full, args.dir))
            elif name.endswith("_logSol.txt"):
                logsols[name[: -len("_logSol.txt")]] = full
    gmcr_files.sort()

    failures = 0
    print("| file | deciders | states | concept | recorded | mend gmcr-plus | mend textbook | "
          "agree |")
    print("|---|---|---|---|---|---|---|---|")
    for rel in gmcr_files:
        path = os.path.join(args.dir, rel)
        stem = os.path.splitext(os.path.basename(rel))[0]
        recorded, columns, source = None, None, None
        if stem in logsols:
            recorded, columns = read_logsol(logsols[stem])
            source = "logSol"
        if os.path.normpath(rel) in published:
            recorded, source = {}, "published"
        states, error = run_json(mend, ["states", path, "--format", "json"])
        if error:
            if recorded is not None:
                failures += 1
            print(f"| {rel} | | | | {source or 'none'} | refused: {error} | | "
                  f"{'no' if recorded is not None else '-'} |")
            continue
        numbers, mismatched = gmcr_numbers(states)
        if mismatched:
            failures += 1
            print(f"| {rel} | | {len(numbers)} | numbering | | mend numbers "
                  f"{', '.join(mismatched)} differently | | no |")
        if columns is not None and columns != len(numbers):
            failures += 1
            print(f"| {rel} | | {len(numbers)} | states | {columns} | {len(numbers)} | | no |")
            continue
        results = {}
        deciders = None
        for rule in RULES:
            out, error = run_json(mend, ["stability", path, "--format", "json", "--sanctions",
                                         rule])
            if error:
                raise SystemExit(f"{rel}: mend stability failed: {error}")
            deciders = len(out["stability"]["nash"])
            results[rule] = {c: {numbers[p] for p in out["equilibria"][c]} for c in CONCEPTS}
        if source == "published":
            expected_path, expected = published[os.path.normpath(rel)]
            for c in CONCEPTS:
                unknown = [p for p in expected.get(c, []) if p not in numbers]
                if unknown:
                    raise SystemExit(f"{expected_path}: {c}: {unknown[0]} is not a feasible state of "
                                     f"{rel} (patterns must follow mend's option order)")
                recorded[c] = {numbers[p] for p in expected.get(c, [])}
        for c in CONCEPTS:
            mine = results["gmcr-plus"][c]
            agree = "-"
            if recorded is not None:
                agree = "yes" if recorded[c] == mine else "no"
                failures += agree == "no"
            total = len(numbers)
            shown = fmt(recorded[c], total) + f" ({source})" if recorded is not None else ""
            print(f"| {rel} | {deciders} | {total} | {c} | {shown} | {fmt(mine, total)} | "
                  f"{fmt(results['textbook'][c], total)} | {agree} |")
    missing = sorted(set(logsols) - {os.path.splitext(os.path.basename(f))[0] for f in gmcr_files})
    for stem in missing:
        print(f"| {stem}.gmcr | | | | logSol | no .gmcr file found | | - |")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
