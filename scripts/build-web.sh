#!/usr/bin/env bash
# Builds the web workbench into web/dist (served by `mend serve --static web/dist`) and the chart
# bundle of `mend report` into web/dist-report/report.js (inlined into every report).
# Installs the exact versions of package-lock.json with `npm ci`, again only when the lock file
# changed since the last install. `--test` also runs the front end's unit tests (vitest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/web"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build-web: $tool not found; run scripts/install-deps.sh" >&2
    exit 1
  fi
done

stamp=node_modules/.mend-package-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "build-web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

npm run --silent build
# Precompressed copies for `mend serve` (gzip at a moderate level, once at build time): the
# server sends FILE.gz to clients that accept gzip and never compresses per request.
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' \
  -o -name '*.json' -o -name '*.map' -o -name '*.txt' \) -size +1k -exec gzip -6 -k -f -n {} +
echo "build-web: built $root/web/dist"
npm run --silent build:report
echo "build-web: built $root/web/dist-report/report.js"
if [ "${1:-}" = "--test" ]; then
  npm test --silent
fi
