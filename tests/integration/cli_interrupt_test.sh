#!/usr/bin/env bash
# Ctrl-C (SIGINT) cancels `mend stability` and `mend analyze` in every phase: loading, analysis,
# output. The command exits with status 1 and a "cancelled" message and leaves no -o file (nor
# its temporary). Cases: a synthetic 22-option, three-decider case (2^22 states), interrupted
# while it loads and while it is analysed.
# Usage: cli_interrupt_test.sh MEND_BINARY WORK_DIR
set -euo pipefail
mend="$1"
work="$2"
mkdir -p "$work"
# Job control: background jobs keep SIGINT's default disposition (a non-interactive shell would
# start them with SIGINT ignored, which would hide a missing handler).
set -m

case_file="$work/synthetic-22.yaml"
{
  printf 'mend: 1\nid: synthetic\ntitle: Synthetic case for the interrupt test\n'
  printf 'actors:\n  - {id: a, role: decider}\n  - {id: b, role: decider}\n  - {id: c, role: decider}\n'
  printf 'dimensions:\n  - {id: budget, unit: USD bn/yr}\n'
  printf 'options:\n'
  for owner in a b c; do
    printf '  %s:\n' "$owner"
    for k in $(seq 0 21); do
      owners=(a b c)
      [[ "${owners[$((k % 3))]}" == "$owner" ]] && printf '    - {id: o%d}\n' "$k"
    done
  done
  printf 'status_quo: %s\neffects:\n' "$(printf 'N%.0s' $(seq 1 22))"
  for k in $(seq 0 21); do
    printf '  - when: {o%d: Y}\n    a: {budget: -%d}\n    b: {budget: %d}\n    c: {budget: %d}\n' \
      "$k" $((1 + k % 3)) $((50 + k)) $((k % 7 - 3))
  done
  printf 'valuation:\n  a: {weights: {budget: 1}}\n  b: {weights: {budget: 1}}\n'
  printf '  c: {weights: {budget: 1}}\n'
} > "$case_file"

# interrupt NAME DELAY COMMAND...: starts the command, sends SIGINT after DELAY seconds.
interrupt() {
  local name="$1" delay="$2"
  shift 2
  local out="$work/$name.json"
  rm -f "$out" "$out.partial"
  "$mend" "$@" "$case_file" --format json -o "$out" 2> "$work/$name.err" &
  local pid=$!
  sleep "$delay"
  kill -INT "$pid"
  local status=0
  wait "$pid" || status=$?
  if [[ "$status" -ne 1 ]]; then
    echo "$name: exit status $status, expected 1"; cat "$work/$name.err"; exit 1
  fi
  if ! grep -q "cancelled" "$work/$name.err"; then
    echo "$name: no 'cancelled' message"; cat "$work/$name.err"; exit 1
  fi
  if [[ -e "$out" || -e "$out.partial" ]]; then
    echo "$name: an output file was left behind"; exit 1
  fi
  echo "$name: exit 1, $(tail -n 1 "$work/$name.err")"
}

interrupt stability-loading 0.3 stability -q
interrupt stability-analysis 4 stability -q
interrupt analyze-loading 0.3 analyze
interrupt analyze-analysis 4 analyze
