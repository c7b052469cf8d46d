#!/usr/bin/env bash
# The TypeScript SDK (sdk/js) and the example app (examples/react-upload) against a real
# `carcosa dev`: `npm ci` from the committed lockfiles, the build (tsc), a check that the
# generated API types match the binary's OpenAPI document, node's test runner (server client,
# uploader, request handler: real uploads, real S3, real WebSocket) and the React components in
# Debian's headless Chromium through playwright-core (no browser download).
#
# CARCOSA_BIN (default target/debug/carcosa), CARCOSA_TEST_DATABASE_URL, CHROMIUM_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prereqs.sh
need node:nodejs npm:npm psql:postgresql-client
[ -n "${CHROMIUM_PATH:-}" ] || need chromium:chromium
install_needed "to test the TypeScript SDK"

export CARCOSA_BIN=${CARCOSA_BIN:-$PWD/target/debug/carcosa}
[ -x "$CARCOSA_BIN" ] || cargo build --locked --workspace --bins
(cd sdk/js && npm ci --no-audit --no-fund --loglevel=error && npm run build && npm run check:types)
# The dashboard serves the SDK's browser uploader from the binary: the committed copy must be
# this build's.
scripts/build-dashboard-assets.sh --check
(cd examples/react-upload && npm ci --no-audit --no-fund --loglevel=error)
(cd sdk/js && npm test)
