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

# wait_for PID PHASE: waits (up to a minute) until the process is ready for SIGINT in PHASE:
#   loading   mend has blocked SIGINT (first thing in main), so a Ctrl-C is taken by the command;
#   analysis  the stability workers run (more than main's and the interrupt watcher's threads).
# Conditions read from /proc, never a fixed delay: a loaded machine only makes the wait longer.
# Between fork and exec the child is still the shell, whose mask may block SIGINT for a moment:
# only mend's own mask counts, so the process must already be running mend.
mend_exe="$(readlink -f "$mend")"
wait_for() {
  local pid="$1" phase="$2" deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    local status
    status="$(cat "/proc/$pid/status" 2>/dev/null)" || { echo "process $pid ended early"; return 1; }
    if [[ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" != "$mend_exe" ]]; then
      sleep 0.01
      continue
    fi
    case "$phase" in
      loading)
        local blocked
        blocked="$(awk '/^SigBlk:/ {print $2}' <<< "$status")"
        (( (16#$blocked & 2) != 0 )) && return 0 ;;
      analysis)
        local threads
        threads="$(awk '/^Threads:/ {print $2}' <<< "$status")"
        ((threads >= 3)) && return 0 ;;
    esac
    sleep 0.01
  done
  echo "process $pid: not in phase $phase within a minute"
  return 1
}

# interrupt NAME PHASE COMMAND...: starts the command on $case_file, sends SIGINT once it is in
# PHASE.
interrupt() {
  local name="$1" phase="$2"
  shift 2
  local out="$work/$name.json"
  rm -f "$out" "$out.partial"
  "$mend" "$@" "$case_file" --format json -o "$out" 2> "$work/$name.err" &
  local pid=$!
  wait_for "$pid" "$phase" || { kill -KILL "$pid" 2>/dev/null; exit 1; }
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

interrupt stability-loading loading stability -q
interrupt stability-analysis analysis stability -q --threads 2
interrupt analyze-loading loading analyze
interrupt analyze-analysis analysis analyze --threads 2

# A case whose enumeration never ends in practice: option o0 is refused both ways, which the
# search learns only at the last option, after 2^39 partial states. Ctrl-C must stop the
# enumeration itself, not wait for it.
case_file="$work/endless-40.yaml"
{
  printf 'mend: 1\nid: endless\ntitle: A case that never finishes enumerating\n'
  printf 'actors:\n  - {id: a, role: decider}\n  - {id: b, role: decider}\n'
  printf 'dimensions:\n  - {id: budget, unit: USD bn/yr}\noptions:\n  a:\n'
  for k in $(seq 0 19); do printf '    - {id: o%d}\n' "$k"; done
  printf '  b:\n'
  for k in $(seq 20 39); do printf '    - {id: o%d}\n' "$k"; done
  printf 'status_quo: %s\n' "$(printf 'N%.0s' $(seq 1 40))"
  printf 'constraints:\n  - infeasible: {o0: Y}\n  - infeasible: {o0: N}\n'
  printf 'effects:\n  - when: {o1: Y}\n    a: {budget: -1}\n    b: {budget: 2}\n'
  printf 'valuation:\n  a: {weights: {budget: 1}}\n  b: {weights: {budget: 1}}\n'
} > "$case_file"
interrupt stability-endless-loading loading stability -q --max-states 1000
interrupt analyze-endless-loading loading analyze --max-states 1000
