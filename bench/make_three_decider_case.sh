#!/usr/bin/env bash
# Writes the three-decider Monte Carlo case of monte_carlo_benchmark (BM_ThreeDeciders) to stdout,
# for timing the whole `mend montecarlo` command on it: deciders a, b and c with two options
# each; each option costs its owner a triangular amount and gives each other decider a uniform
# one; neighbouring deciders' first options interact through a normal parameter; a0 excludes
# b0, so 64 - 16 = 48 states; an affected actor x.
# Usage: make_three_decider_case.sh > three.yaml
set -euo pipefail
names=(a b c)
parameters=""
options=""
effects=""
p=0
for side in 0 1 2; do
  me="${names[$side]}"
  options+="  ${me}: [{id: ${me}0}, {id: ${me}1}]"$'\n'
  for o in 0 1; do
    parameters+="  p${p}: {dist: triangular, min: 0.5, mode: 1, max: 2}"$'\n'
    effects+="  - when: {${me}${o}: Y}"$'\n'"    ${me}: {gain: -p${p}}"$'\n'
    p=$((p + 1))
    for other in 0 1 2; do
      [ "$other" -eq "$side" ] && continue
      parameters+="  p${p}: {dist: uniform, min: 0.2, max: 2}"$'\n'
      effects+="    ${names[$other]}: {gain: p${p}}"$'\n'
      p=$((p + 1))
    done
  done
  next="${names[$(((side + 1) % 3))]}"
  parameters+="  p${p}: {dist: normal, mean: 0, sd: 0.5}"$'\n'
  effects+="  - when: {${me}0: Y, ${next}0: Y}"$'\n'"    ${me}: {gain: p${p}}"$'\n'"    ${next}: {gain: p${p}}"$'\n'
  p=$((p + 1))
done
cat <<YAML
mend: 1
id: generated-three
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
  - {id: c, role: decider}
  - {id: x, role: affected}
dimensions:
  - {id: gain}
parameters:
${parameters}options:
${options}constraints:
  - exclusive: [a0, b0]
status_quo: NNNNNN
effects:
${effects}valuation:
  a: {weights: {gain: 1}}
  b: {weights: {gain: 1}}
  c: {weights: {gain: 1}}
  x: {weights: {gain: 1}}
YAML
