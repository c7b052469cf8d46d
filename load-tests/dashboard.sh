#!/usr/bin/env bash
# Dashboard server time with ROWS uploads (default 10 000, 98 % of them files) in one project:
# `carcosa serve` (release build), every main page requested ROUNDS times (default 200) over one
# kept-alive loopback connection; p50/p95/max per page and statements per page, beside the API's
# `GET /v1/files?limit=50` on the same data (the reference).
#   load-tests/dashboard.sh        # ROWS=10000 ROUNDS=200
# Writes load-tests/reports/dashboard-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN_DIR:-target/release}
[ -n "${BIN_DIR:-}" ] || SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa
carcosa=$bin/carcosa
. load-tests/bench-setup.sh
bench_setup carcosa_bench_dashboard files:read,files:write
# Generous limits: this measures page time, not the rate limiter.
psql "$DATABASE_URL" -qc "UPDATE projects SET rate_limits = '{\"read\": 1000000000, \"standard\": 1000000000}'"
export CARCOSA_RATE_LIMITS__ENABLED=false
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
CARCOSA_HTTP__BIND=127.0.0.1:$port CARCOSA_AUTH__INSECURE_COOKIES=true $carcosa serve > "$work/serve.out" 2> "$work/serve.err" &
serve=$!
trap 'kill $serve 2> /dev/null || true; wait 2> /dev/null || true; rm -rf "$work"' EXIT
api=http://127.0.0.1:$port
curl -fsS --retry 50 --retry-connrefused --retry-delay 0 "$api/readyz" > /dev/null 2>&1 || curl -fsS "$api/readyz" > /dev/null
bucket=$(psql "$DATABASE_URL" -tAc "SELECT id FROM buckets LIMIT 1")
python3 load-tests/dashboard.py "$api" "$DATABASE_URL" "$project" "$bucket" "$key" "${ROWS:-10000}" "${ROUNDS:-200}" > "$work/result.json"
date=$(date +%Y-%m-%d)
mkdir -p load-tests/reports
python3 - "$work/result.json" "$(nproc)" "$(git rev-parse --short HEAD)" > "load-tests/reports/dashboard-$date.md" << 'PY'
import json, sys
r = json.load(open(sys.argv[1]))
cores, commit = sys.argv[2], sys.argv[3]
ref = r["reference"]
print(f"""# Dashboard page times with {r['rows']:,} uploads in a project

`load-tests/dashboard.sh` on {cores} cores, commit `{commit}`, release build of `carcosa serve`,
Postgres 15 on the same machine. Each page was requested {r['rounds']} times (after 5 warm-up
requests) over one kept-alive loopback connection, signed in as the organization's owner; times
are client-measured (request sent → body read), so they include the loopback round trip.
"Statements" is the database's commit count per request (every statement outside a transaction
commits once): constant and small means no N+1.

Reference in the same run: the API's own `GET /v1/files?limit=50` on the same project:
p50 {ref['p50']:.1f} ms, p95 {ref['p95']:.1f} ms, {ref['statements']:.1f} statements.

| page | p50 ms | p95 ms | max ms | × API p50 | statements | HTML KiB |
|---|---:|---:|---:|---:|---:|---:|""")
for name, p in r["pages"].items():
    print(f"| {name} | {p['p50']:.1f} | {p['p95']:.1f} | {p['max']:.1f} | {p['p50'] / ref['p50']:.1f}× | {p['statements']:.1f} | {p['bytes'] / 1024:.0f} |")
worst = max(r["pages"].items(), key=lambda kv: kv[1]["p95"])
print(f"""
Slowest page at p95: **{worst[0]}, {worst[1]['p95']:.1f} ms** (the bar: under 50 ms of server time).
The files pages read one keyset page of uploads joined with their files and tenants
(`uploads (project_id, id DESC)`), whichever page and filter; the filename search scans the
project's rows ({r['rows']:,}) with `ILIKE`.
""")
PY
cat "load-tests/reports/dashboard-$date.md"
