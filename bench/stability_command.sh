#!/usr/bin/env bash
# Times the whole `mend stability CASE -q --format json > /dev/null` command, as a user runs it,
# on a synthetic case of DECIDERS deciders with OPTIONS options each (make_stability_case.sh):
# wall time and peak RSS of each run (from /usr/bin/time -v), their medians, and the load
# average before and after (the figures are only comparable at similar load).
# Usage: stability_command.sh MEND_BINARY DECIDERS OPTIONS [RUNS] [extra mend arguments...]
set -euo pipefail
mend="${1:?mend binary}"
deciders="${2:?deciders}"
options="${3:?options per decider}"
runs="${4:-3}"
shift $(( $# < 4 ? $# : 4 ))
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case_file="$work/synthetic-${deciders}x${options}.yaml"
"$here/make_stability_case.sh" "$deciders" "$options" > "$case_file"

echo "case: $deciders deciders x $options options; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
walls=()
rss=()
for run in $(seq 1 "$runs"); do
  # JSON to stdout, discarded (the same bytes as -o /dev/null, with any mend version).
  /usr/bin/time -v "$mend" stability "$case_file" -q --format json "$@" \
    > /dev/null 2> "$work/time.txt"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
    "$work/time.txt")"
  peak="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")"
  user="$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")"
  walls+=("$wall")
  rss+=("$peak")
  echo "run $run: wall ${wall} s, user ${user} s, peak RSS ${peak} MiB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "median: wall $(median "${walls[@]}") s, peak RSS $(median "${rss[@]}") MiB;" \
  "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
