#!/usr/bin/env bash
# Property-based fuzzing of the live API from its own OpenAPI document: starts a real `carcosa
# dev` (own data dir, own database, free ports), runs schemathesis (from PyPI, in a venv under
# ~/.cache/carcosa-schemathesis) against /openapi.json with the demo API key and anonymously, and
# fails on any 5xx or any response the document does not describe (status, content type,
# headers, body schema — including error codes outside the route's documented list).
#
#   scripts/fuzz-api.sh [extra schemathesis args]     (e.g. --max-examples 100 --seed 7)
#
# CARCOSA_BIN (default target/debug/carcosa), CARCOSA_TEST_DATABASE_URL (a server the run may
# create a database in; default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prereqs.sh
need curl:curl psql:postgresql-client
need_python_venv
install_needed "to fuzz the API"

SCHEMATHESIS_VERSION=4.32.5
venv=${XDG_CACHE_HOME:-$HOME/.cache}/carcosa-schemathesis/venv
if ! "$venv/bin/schemathesis" --version 2> /dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

bin=${CARCOSA_BIN:-target/debug/carcosa}
[ -x "$bin" ] || cargo build --locked --workspace --bins
admin_url=${CARCOSA_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
db="carcosa_fuzz_$$"
data=$(mktemp -d)
out="$data/dev.out"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" > /dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

DATABASE_URL="${admin_url%/*}/$db" RUST_LOG=${RUST_LOG:-warn} \
  "$bin" dev --data-dir "$data/dev" --bind 127.0.0.1:0 --s3-bind 127.0.0.1:0 > "$out" 2> "$data/dev.err" &
pid=$!
for _ in $(seq 1 600); do
  grep -q 'API key' "$out" 2> /dev/null && break
  kill -0 "$pid" 2> /dev/null || { cat "$data/dev.err" >&2; exit 1; }
  sleep 0.1
done
api=$(sed -n 's/^ *API  *\(http:[^ ]*\).*/\1/p' "$out" | head -1)
key=$(sed -n 's/^ *API key  *\(ck_[^ ]*\).*/\1/p' "$out" | head -1)
[ -n "$api" ] && [ -n "$key" ] || { echo "fuzz-api.sh: carcosa dev did not start" >&2; cat "$out" "$data/dev.err" >&2; exit 1; }
curl -fsS --retry 50 --retry-connrefused --retry-delay 0 "$api/readyz" > /dev/null

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
common=(--checks "$checks" --phases examples,coverage,fuzzing --max-examples "${FUZZ_MAX_EXAMPLES:-25}"
  --seed "${FUZZ_SEED:-1}" --generation-database none --no-color --request-timeout 20
  --report junit --report-dir "${FUZZ_REPORT_DIR:-$data/report}"
  # The WebSocket upgrade is not HTTP request/response; the realtime tests cover it.
  --exclude-path /v1/ws)

# The first account owns the demo organization; it signs up before the fuzzer could (the
# sign-up example is a valid request). The management API is fuzzed as this owner last (signing
# out, changing the password and revoking sessions are left out so the session lives on).
cookie=$(curl -fsS -o /dev/null -D - -X POST "$api/v1/auth/signup" -H 'Content-Type: application/json' \
  -H "Origin: $api" -d '{"email":"owner@fuzz.example","password":"fuzzing is a good habit"}' |
  sed -n 's/^set-cookie: \(carcosa_session=[^;]*\).*/\1/ip' | head -1)
[ -n "$cookie" ] || { echo "fuzz-api.sh: sign-up gave no session cookie" >&2; exit 1; }
echo "fuzz-api.sh: with the demo API key against $api" >&2
"$venv/bin/schemathesis" run "$api/openapi.json" -H "Authorization: Bearer $key" "${common[@]}" "$@"
echo "fuzz-api.sh: anonymously" >&2
"$venv/bin/schemathesis" run "$api/openapi.json" "${common[@]}" --max-examples 10 "$@"
# Path parameters name what `carcosa dev` made, so requests reach the handlers instead of 404.
cat > "$data/owner.toml" << 'TOML'
[parameters]
"path.org" = "demo"
"path.team" = "main"
"path.project" = "demo"
"path.bucket" = "local"
TOML
echo "fuzz-api.sh: as the demo organization's owner (session cookie)" >&2
"$venv/bin/schemathesis" --config-file "$data/owner.toml" run "$api/openapi.json" -H "Cookie: $cookie" -H "Origin: $api" \
  "${common[@]}" --exclude-path /v1/auth/logout --exclude-path /v1/auth/password \
  --exclude-path-regex '^/v1/auth/sessions/' --exclude-method DELETE "$@"
if grep -q 'request failed' "$data/dev.err"; then
  echo "fuzz-api.sh: the server logged internal errors:" >&2
  grep 'request failed' "$data/dev.err" | head -20 >&2
  exit 1
fi
echo "fuzz-api.sh: no 5xx, every response as documented" >&2
