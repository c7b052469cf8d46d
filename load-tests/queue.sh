#!/usr/bin/env bash
# Queue benchmark: Carcosa's Postgres queue (apalis, with `carcosa work`'s settings) against
# graphile-worker on the same Postgres — burn-down of 50,000 no-op jobs with 1, 2 and 4 worker
# processes, and pickup latency when the queue is not backed up. Writes
# load-tests/reports/queue-<date>.md. Needs Postgres (BENCH_PG, default
# postgres://postgres@127.0.0.1:5432), Node.js and npm.
#   load-tests/queue.sh                       # JOBS=50000 CONCURRENCY=8 WORKERS="1 2 4" ROUNDS=2
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node > /dev/null || { echo "queue.sh: needs Node.js (apt-get install -y nodejs npm)" >&2; exit 1; }
cargo build --release --locked -q -p carcosa-load --bin carcosa-queue
(cd load-tests/queue && npm ci --no-audit --no-fund --silent)
exec python3 load-tests/queue.py
