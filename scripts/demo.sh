#!/usr/bin/env bash
# The main job on the built-in case library: validate every case, then analyse the U.S.-Russia
# portfolio and print its headline — per issue the default, the recommended alternative, each
# actor's ledger with its 90 % Monte Carlo range and P(net gain), and what would need linkage —
# while writing the self-contained HTML report (charts, histograms, tornado, briefs).
# Usage: scripts/demo.sh MEND [REPORT.html]   (default report: build/demo/us-russia-report.html)
set -euo pipefail
mend="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cd "$(dirname "$0")/.."
report="${2:-build/demo/us-russia-report.html}"
mapfile -t cases < <(find cases -name '*.yaml' | sort)
"$mend" validate "${cases[@]}"
echo
bundle="${MEND_REPORT_BUNDLE:-web/dist-report/report.js}"
if [ ! -f "$bundle" ]; then
  echo "demo: the report's chart bundle $bundle is missing; build it with scripts/build-web.sh" >&2
  exit 1
fi
mkdir -p "$(dirname "$report")"
"$mend" report cases/us-russia/portfolio.yaml -o "$report" --bundle "$bundle" --headline
