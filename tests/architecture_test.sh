#!/usr/bin/env bash
# The layout is the architecture (docs/architecture.md): the applications wire flags and routes
# to the engine, so no file under apps/ includes a header of the analyses below it.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -rnE '#include "mend/(stability|efficiency|uncertainty|lenses)/' apps || true)
if [ -n "$found" ]; then
  echo "apps/ includes analysis headers; call the engine (lib/mend/engine) instead:" >&2
  echo "$found" >&2
  exit 1
fi
echo "apps/ includes no header of stability, efficiency, uncertainty or lenses"
