#!/usr/bin/env bash
# The layout is the architecture (docs/architecture.md): the applications and the Python module
# wire flags, routes and bindings to the engine, so no file under apps/ or python/ includes a
# header of the analyses below it.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -rnE '#include "mend/(stability|efficiency|uncertainty|lenses)/' apps python || true)
if [ -n "$found" ]; then
  echo "apps/ or python/ includes analysis headers; call the engine (lib/mend/engine) instead:" >&2
  echo "$found" >&2
  exit 1
fi
echo "apps/ and python/ include no header of stability, efficiency, uncertainty or lenses"
