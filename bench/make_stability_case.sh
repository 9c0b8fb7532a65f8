#!/usr/bin/env bash
# Writes a synthetic case for whole-command benchmarks to stdout: DECIDERS deciders with OPTIONS
# options each, every state feasible (2^(DECIDERS x OPTIONS) states), the first option of each
# decider forward-irreversible, one effect per option, one per pair of a decider's neighbouring
# options and one per pair of the same option of neighbouring deciders (so utilities are not
# additive), two dimensions, integer amounts (some ties).
# Usage: make_stability_case.sh DECIDERS OPTIONS > case.yaml
set -euo pipefail
deciders="${1:?deciders}"
options="${2:?options per decider}"
total=$((deciders * options))
printf 'mend: 1\nid: synthetic-%dx%d\ntitle: Synthetic case for the stability benchmark\n' \
  "$deciders" "$options"
printf 'actors:\n'
for d in $(seq 0 $((deciders - 1))); do printf '  - {id: d%d, role: decider}\n' "$d"; done
printf 'dimensions:\n  - {id: budget, unit: USD bn/yr}\n  - {id: security, unit: index}\n'
printf 'options:\n'
for d in $(seq 0 $((deciders - 1))); do
  printf '  d%d:\n' "$d"
  for k in $(seq 0 $((options - 1))); do
    if [[ "$k" -eq 0 ]]; then
      printf '    - {id: o%d_%d, irreversible: true}\n' "$d" "$k"
    else
      printf '    - {id: o%d_%d}\n' "$d" "$k"
    fi
  done
done
printf 'status_quo: %s\neffects:\n' "$(printf 'N%.0s' $(seq 1 "$total"))"
# Amounts from a fixed arithmetic sequence, so the case is the same on every run.
amount() { echo $(( ($1 * 7919 + $2 * 104729) % 41 - 20 )); }
for d in $(seq 0 $((deciders - 1))); do
  for k in $(seq 0 $((options - 1))); do
    i=$((d * options + k))
    printf '  - when: {o%d_%d: Y}\n' "$d" "$k"
    for a in $(seq 0 $((deciders - 1))); do
      printf '    d%d: {budget: %d, security: %d}\n' "$a" "$(amount "$i" "$a")" \
        "$(amount "$a" $((i + 3)))"
    done
    if [[ "$k" -gt 0 ]]; then
      printf '  - when: {o%d_%d: Y, o%d_%d: Y}\n' "$d" $((k - 1)) "$d" "$k"
      printf '    d%d: {budget: %d}\n' $(((d + 1) % deciders)) "$(amount $((i + 11)) "$d")"
    fi
    # Each option interacts with the same option of the next decider: who gains from moving
    # depends on what the others do, so improvements lead far from the status quo.
    e=$(((d + 1) % deciders))
    printf '  - when: {o%d_%d: Y, o%d_%d: Y}\n' "$d" "$k" "$e" "$k"
    printf '    d%d: {security: %d}\n    d%d: {security: %d}\n' "$d" \
      "$(amount $((i + 5)) $((k + 2)))" "$e" "$(amount $((i + 17)) $((k + 1)))"
  done
done
printf 'valuation:\n'
for d in $(seq 0 $((deciders - 1))); do
  printf '  d%d: {weights: {budget: 1, security: %d}}\n' "$d" $((1 + d % 3))
done
