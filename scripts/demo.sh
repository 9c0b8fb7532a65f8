#!/usr/bin/env bash
# The main job on the built-in case library: validate every case, then list the states of each.
set -euo pipefail
mend="$1"
cd "$(dirname "$0")/.."
mapfile -t cases < <(find cases -name '*.yaml' | sort)
"$mend" validate "${cases[@]}"
for case_file in "${cases[@]}"; do
  echo
  echo "== $case_file"
  "$mend" states "$case_file"
done
