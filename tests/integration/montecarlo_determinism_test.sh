#!/usr/bin/env bash
# `mend montecarlo` gives the same bytes for the same seed across runs, for any --threads, and
# under `mpirun -n 2` as in one process; its JSON has the keys of the CLI contract; exit codes.
# Usage: montecarlo_determinism_test.sh MEND_BINARY CASE_FILE MPIRUN|"" WORK_DIR
set -euo pipefail
mend="$1"
case_file="$2"
mpirun="$3"
work="$4"
mkdir -p "$work"
run() { "$mend" montecarlo "$case_file" --samples 6000 --seed 7 --format json -q "$@"; }

run --threads 1 -o "$work/t1.json"
run --threads 2 -o "$work/t2.json"
run --threads 3 -o "$work/t3.json"
run --threads 2 -o "$work/again.json"
cmp "$work/t1.json" "$work/t2.json"
cmp "$work/t1.json" "$work/t3.json"
cmp "$work/t1.json" "$work/again.json"
echo "threads 1, 2, 3 and a second run: identical bytes"

/usr/bin/python3 - "$work/t1.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for key in ("case", "samples", "seed", "states", "ledger", "sensitivity"):
    assert key in doc, key
assert doc["samples"] == 6000 and doc["seed"] == 7
for state in doc["states"]:
    assert set(state["p_equilibrium"]) == {"nash", "gmr", "smr", "seq"}
    for key in ("pattern", "p_default", "p_pareto_improves_default", "p_alternative"):
        assert key in state, key
assert abs(sum(s["p_default"] for s in doc["states"]) + doc["p_cycle"] - 1) < 1e-9
for actor, entry in doc["ledger"].items():
    assert set(entry) >= {"mean", "median", "p5", "p95", "p_loss"}, actor
    assert entry["p5"] <= entry["median"] <= entry["p95"], actor
for entry in doc["sensitivity"]:
    assert set(entry) >= {"parameter", "figure", "low", "high", "switching_value", "holds_from",
                          "holds_from_quantile", "holds_to", "holds_to_quantile"}
    # The switching value is the nearer end of the interval on which the conclusion holds.
    ends = [q for q in (entry["holds_from_quantile"], entry["holds_to_quantile"]) if q is not None]
    if ends:
        assert entry["switching_quantile"] == min(ends, key=lambda q: abs(q - 0.5)), entry
    else:
        assert entry["switching_value"] is None, entry
for key in ("p_central_default", "p_central_alternative", "p_no_alternative",
            "unconditional_ledger", "unconditional_ledger_comparison", "standard_errors",
            "convergence"):
    assert key in doc, key
assert doc["unconditional_ledger_comparison"]["kind"] == "unconditional"
assert set(doc["unconditional_ledger"]) == set(doc["ledger"]) or not doc["ledger"]
assert set(doc["convergence"]) == {"converged", "warnings"}
assert doc["convergence"]["converged"] == (not doc["convergence"]["warnings"])
assert "mover_orders" in doc["central"]
# The incidents case marks its escalation risk as an expected cost: counted at its mean.
expectations = doc["central"]["expectations"]
assert expectations["samples"] == 6000 and expectations["text"], expectations
assert [d["id"] for d in expectations["dimensions"]] == ["risk"], expectations
for actor, ends in expectations["dimensions"][0]["actors"].items():
    for end in ("default", "alternative"):
        if ends[end] is not None:
            assert set(ends[end]) == {"mean", "standard_error", "at_medians"}, (actor, ends)
print("JSON keys as in the CLI contract")
PY

# A portfolio: every issue on the same samples, the gains summed sample by sample; the same
# bytes for any number of threads.
portfolio="$(dirname "$0")/../cases/shared-risk/portfolio.yaml"
"$mend" montecarlo "$portfolio" --samples 3000 --seed 5 --format json -q --threads 1 \
  -o "$work/p1.json"
"$mend" montecarlo "$portfolio" --samples 3000 --seed 5 --format json -q --threads 2 \
  -o "$work/p2.json"
cmp "$work/p1.json" "$work/p2.json"
/usr/bin/python3 - "$work/p1.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
summary = doc["portfolio"]
assert summary["shared_parameters"] == ["risk"], summary
assert [issue["case"] for issue in doc["issues"]] == ["first-issue", "second-issue"]
us = summary["ledger"]["us"]
# Both issues gain risk - 3 with one draw of risk ~ uniform(0, 10): the sum is 2 risk - 6.
assert abs(us["p5"] + 5) < 0.3 and abs(us["p95"] - 13) < 0.3, us
print("portfolio: one draw per sample for both issues, identical bytes for 1 and 2 threads")
PY

# Exit codes of the CLI contract: 1 for an analysis or input error, 2 for a usage error (an
# option the command table refuses, as --samples 0 for a Monte Carlo run).
status=0; "$mend" montecarlo "$case_file.missing" -q >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "a missing file: expected exit 1, got $status" >&2; exit 1; }
status=0; "$mend" montecarlo "$case_file" --samples 0 -q >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "--samples 0: expected exit 2, got $status" >&2; exit 1; }
status=0; "$mend" montecarlo "$case_file" --format xml -q >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "--format xml: expected exit 2, got $status" >&2; exit 1; }
echo "exit codes 1 and 2"

if [ -z "$mpirun" ]; then
  echo "mpirun not found: install openmpi-bin (scripts/install-deps.sh)" >&2
  exit 1
fi
"$mpirun" -n 2 --oversubscribe --allow-run-as-root "$mend" montecarlo "$case_file" \
  --samples 6000 --seed 7 --format json -q --threads 1 -o "$work/mpi2.json"
cmp "$work/t1.json" "$work/mpi2.json"
"$mpirun" -n 3 --oversubscribe --allow-run-as-root "$mend" montecarlo "$case_file" \
  --samples 6000 --seed 7 --format json -q --threads 2 -o "$work/mpi3.json"
cmp "$work/t1.json" "$work/mpi3.json"
echo "mpirun -n 2 and -n 3: identical bytes"

# The shipped U.S.-Russia portfolio (every issue it lists, the escalation-risk pool drawn once for
# the issues that share it): the same bytes with 1 and 2 threads and with two processes.
us_russia="$(dirname "$case_file")/portfolio.yaml"
run_portfolio() {
  "$mend" montecarlo "$us_russia" --samples 3000 --seed 11 --format json -q "$@"
}
run_portfolio --threads 1 -o "$work/usru1.json"
run_portfolio --threads 2 -o "$work/usru2.json"
"$mpirun" -n 2 --oversubscribe --allow-run-as-root "$mend" montecarlo "$us_russia" \
  --samples 3000 --seed 11 --format json -q --threads 1 -o "$work/usru-mpi2.json"
cmp "$work/usru1.json" "$work/usru2.json"
cmp "$work/usru1.json" "$work/usru-mpi2.json"
/usr/bin/python3 - "$work/usru1.json" "$us_russia" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
# The issues the portfolio lists (its `cases:` flow sequence, which may span lines).
listed = re.search(r"^cases: \[(.*?)\]", open(sys.argv[2]).read(), re.M | re.S)
listed = listed.group(1).split(",")
# The one escalation-risk pool (docs/models/incident-risk.md) is declared by the portfolio.
assert sorted(doc["portfolio"]["shared_parameters"]) == sorted(
    ["base_encounters", "p_escalate", "war_cost", "verify_cut", "share_us", "share_ru",
     "share_eu"]), doc["portfolio"]
assert len(doc["issues"]) == len(listed), (len(doc["issues"]), listed)
# The expected-cost dimensions are counted at their mean, and every issue's JSON says which.
marked = {issue["case"]: issue["central"]["expectations"] for issue in doc["issues"]}
assert marked["investment"] is None, marked["investment"]
assert marked["space-station"] is None, marked["space-station"]
expected = {"strategic-arms": ["exposure", "risk"], "incidents": ["risk"],
            "nonproliferation": ["risk"], "test-moratorium": ["risk"]}
for case, ids in expected.items():
    assert marked[case]["samples"] == 3000, case
    assert [d["id"] for d in marked[case]["dimensions"]] == ids, marked[case]
PY
echo "U.S.-Russia portfolio: threads 1 and 2 and mpirun -n 2 give identical bytes"
