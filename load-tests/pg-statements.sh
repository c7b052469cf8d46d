#!/usr/bin/env bash
# Postgres statements behind end-to-end uploads: `carcosa serve` + one `carcosa work` (release)
# take RATE uploads/s for SECS s (load-tests/uploads.sh's client, default presets) while
# pg_stat_statements counts; prints the client's result and the top statements by time.
#   RATE=20 SECS=20 load-tests/pg-statements.sh    # CARCOSA_BIN=... to try another build
# Needs pg_stat_statements preloaded:
#   psql -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" and a restart.
set -euo pipefail
cd "$(dirname "$0")/.."
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=${CARCOSA_BIN:-target/release/carcosa}
load=target/release/carcosa-uploads
rate=${RATE:-20}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
. load-tests/bench-setup.sh
bench_photo
bench_setup carcosa_bench_pgprof files:read,files:write > /dev/null
bench_unlimited
REDIS_URL=$redis_url CARCOSA_HTTP__BIND=127.0.0.1:18091 $carcosa serve & s=$!
REDIS_URL=$redis_url CARCOSA_METRICS__WORKER_BIND= $carcosa work & w=$!
trap 'kill $s $w 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18091/healthz > /dev/null && break; sleep 0.1; done
sleep 2
psql "$DATABASE_URL" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()" > /dev/null
$load --api http://127.0.0.1:18091 --key "$key" --file "$photo" --rate "$rate" --secs "${SECS:-20}" | python3 -c "import json,sys; r=json.load(sys.stdin); print({k: r[k] for k in ('ok','uploads_per_s','p50_ms','p99_ms')})"
sleep 3
psql "$DATABASE_URL" -c "SELECT calls, round(total_exec_time::numeric,0) AS ms, round((total_exec_time/calls)::numeric,3) AS ms_per, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25"
psql "$DATABASE_URL" -tAc "SELECT sum(calls), round(sum(total_exec_time)::numeric) FROM pg_stat_statements"
