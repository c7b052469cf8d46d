#!/usr/bin/env bash
# The whole test suite, against real services: Postgres (must be running; see below), and a real
# S3-compatible server (SeaweedFS, started here by scripts/s3-test-server.sh).
#
#   scripts/test.sh [extra cargo test args]
#
# Env: CARCOSA_TEST_DATABASE_URL — a Postgres the tests may create databases in
#      (default postgres://postgres@127.0.0.1:5432/postgres). Each test gets a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."

database_url=${CARCOSA_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if ! psql "$database_url" -qtAc 'select 1' > /dev/null 2>&1; then
  echo "test.sh: cannot reach Postgres at $database_url (start it, or set CARCOSA_TEST_DATABASE_URL)" >&2
  exit 1
fi

scripts/s3-test-server.sh start

export DATABASE_URL="$database_url"
# Build from the committed query metadata (.sqlx/), never from a live schema.
export SQLX_OFFLINE=true
export CARCOSA_TEST_S3_ENDPOINT=${CARCOSA_TEST_S3_ENDPOINT:-http://127.0.0.1:8333}
export CARCOSA_TEST_S3_ACCESS_KEY=${CARCOSA_TEST_S3_ACCESS_KEY:-carcosatestkey}
export CARCOSA_TEST_S3_SECRET_KEY=${CARCOSA_TEST_S3_SECRET_KEY:-carcosatestsecret123}
cargo test --workspace --locked --no-fail-fast "$@"
