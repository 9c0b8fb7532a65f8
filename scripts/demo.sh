#!/usr/bin/env bash
# The main job on the built-in case library: validate every case, then analyse the U.S.-Russia
# portfolio. With `mend analyze` (Pareto, recommended alternative, loss ledger) the portfolio's
# headline is printed per issue; a mend built without it prints each issue's stability analysis.
set -euo pipefail
mend="$1"
cd "$(dirname "$0")/.."
mapfile -t cases < <(find cases -name '*.yaml' | sort)
"$mend" validate "${cases[@]}"
echo
help_text="$("$mend" --help 2>/dev/null || true)"
if grep -qE "^ +analyze( |$)" <<< "$help_text"; then
  "$mend" analyze cases/us-russia/portfolio.yaml
else
  mapfile -t issues < <(find cases/us-russia -name '*.yaml' ! -name portfolio.yaml | sort)
  for case_file in "${issues[@]}"; do
    echo "== $case_file"
    "$mend" stability "$case_file"
    echo
  done
fi
