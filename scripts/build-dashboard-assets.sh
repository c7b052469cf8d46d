#!/usr/bin/env bash
# Copies the SDK's browser uploader, as `tsc` builds it (sdk/js/dist), into api/assets/ where the
# dashboard serves it from the binary. With --check, fails when the committed copy differs from
# a fresh build instead (CI runs that after building the SDK). Source-map comments are dropped:
# the maps are not served.
set -euo pipefail
cd "$(dirname "$0")/.."
check=${1:-}
if [ ! -f sdk/js/dist/browser.js ]; then
  (cd sdk/js && npm ci --no-audit --no-fund --loglevel=error && npm run build)
fi
status=0
for f in browser.js errors.js; do
  fresh=$(sed '/^\/\/# sourceMappingURL=/d' "sdk/js/dist/$f")
  if [ "$check" = "--check" ]; then
    if [ "$fresh" != "$(cat "api/assets/$f")" ]; then
      echo "api/assets/$f differs from a fresh SDK build: run scripts/build-dashboard-assets.sh and commit it" >&2
      status=1
    fi
  else
    printf '%s\n' "$fresh" > "api/assets/$f"
  fi
done
exit $status
