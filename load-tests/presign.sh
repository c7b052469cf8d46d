#!/usr/bin/env bash
# Presign benchmark: `POST /v1/uploads` against `carcosa serve` (release build) at a fixed
# concurrency, compared in the same run with pgbench doing a one-row INSERT into an equivalent
# table (same columns, defaults, checks and indexes as `uploads`) at the same concurrency.
# Rounds alternate carcosa / pgbench so machine noise hits both; the report gives each round and
# the medians.
#
#   load-tests/presign.sh            # 3 rounds × 15 s at 64 connections
#   ROUNDS=5 DURATION=30 CONCURRENCY=64 load-tests/presign.sh
#   BASELINE_BIN=/path/to/old/carcosa BASELINE_REV=8b75c4e load-tests/presign.sh
#                                    # A/B: an older build runs in the same rounds, on its own
#                                    # database (migrated by itself), between this one and pgbench
#
# Rate limiting is on, shared in Redis (REDIS_URL, default redis://127.0.0.1:6379, as a
# multi-replica deployment runs it): every presign runs the GCRA script. The bench project's
# `write` tier is raised to 10^9/h with a per-project override so the limiter is consulted but
# never refuses (the default 500/h per key would stop the run after 500 requests).
#
# Needs: Postgres on 127.0.0.1:5432 (trust auth for `postgres`), pgbench, Redis, and the S3 test
# server (started here) for the bucket check at setup. Writes load-tests/reports/presign-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-3}
duration=${DURATION:-15}
concurrency=${CONCURRENCY:-64}
warmup=${WARMUP:-3}
port=${PORT:-18080}
db=carcosa_bench
work=load-tests/work
mkdir -p "$work" load-tests/reports

SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=target/release/carcosa
load=target/release/carcosa-load
. load-tests/bench-setup.sh
bench_setup "$db" files:write
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
psql "$DATABASE_URL" -qc "UPDATE projects SET rate_limits = '{\"write\": 1000000000}'"

# Keep the setup so the server can be started again by hand (profiling): `. load-tests/work/env`.
printf 'export DATABASE_URL=%q CARCOSA_CREDENTIALS_KEY=%q CARCOSA_CONFIG=/nonexistent BENCH_KEY=%q\n' \
  "$DATABASE_URL" "$CARCOSA_CREDENTIALS_KEY" "$key" > "$work/env"

# The pgbench peer: the same table shape without foreign keys, one INSERT per transaction.
psql "$DATABASE_URL" -q <<'SQL'
CREATE TABLE bench_uploads (LIKE uploads INCLUDING ALL);
SQL
bucket=$(psql "$DATABASE_URL" -tAc "SELECT id FROM buckets LIMIT 1")
cat > "$work/insert.sql" <<SQL
INSERT INTO bench_uploads (id, project_id, bucket_id, object_key, filename, content_type, size, metadata, expires_at)
VALUES (gen_random_uuid(), '$project', '$bucket', 'bench/' || gen_random_uuid() || '/bench_photo.png', 'bench photo.png', 'image/png', 123456, '{}', now() + interval '15 minutes');
SQL

# The optional baseline build gets a database of its own, set up by itself (its schema may be
# older), with the same org/team/bucket/project shape.
if [ -n "${BASELINE_BIN:-}" ]; then
  main_env=$(printf 'DATABASE_URL=%q CARCOSA_CREDENTIALS_KEY=%q key=%q' "$DATABASE_URL" "$CARCOSA_CREDENTIALS_KEY" "$key")
  carcosa_main=$carcosa
  carcosa=$BASELINE_BIN
  bench_setup "${db}_baseline" files:write
  psql "$DATABASE_URL" -qc "UPDATE projects SET rate_limits = '{\"write\": 1000000000}'"
  baseline_env=$(printf 'DATABASE_URL=%q CARCOSA_CREDENTIALS_KEY=%q key=%q' "$DATABASE_URL" "$CARCOSA_CREDENTIALS_KEY" "$key")
  carcosa=$carcosa_main
  eval "$main_env"
  export DATABASE_URL CARCOSA_CREDENTIALS_KEY
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# run_carcosa <side label> <binary>: one measured round of `carcosa serve` under the load.
run_carcosa() {
  local side=$1 bin=$2
  CARCOSA_HTTP__BIND=127.0.0.1:$port $bin serve &
  serve=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
  # Warm-up as its own unmeasured run, so the CPU counted below is the measured window's only.
  $load presign --url "http://127.0.0.1:$port" --key "$key" --concurrency "$concurrency" --duration "$warmup" --warmup 0 > /dev/null
  before=$(cpu_ticks $serve)
  out=$($load presign --url "http://127.0.0.1:$port" --key "$key" --concurrency "$concurrency" --duration "$duration" --warmup 0)
  after=$(cpu_ticks $serve)
  kill $serve; wait $serve 2> /dev/null || true
  python3 - "$side" "$out" "$((after - before))" "$(getconf CLK_TCK)" >> "$results" <<'PY'
import json, sys
side = sys.argv[1]; r = json.loads(sys.argv[2]); ticks = int(sys.argv[3]); hz = int(sys.argv[4])
cpu_ms_per_req = ticks * 1000 / hz / max(r["requests"], 1)
# ticks cover exactly the measured run (the warm-up ran before them, as a run of its own)
print(f"{side}\t{r['rps']:.1f}\t{r['p50_ms']:.2f}\t{r['p95_ms']:.2f}\t{r['p99_ms']:.2f}\t{r['errors']}\t{cpu_ms_per_req:.3f}")
PY
}

results="$work/results.tsv"
: > "$results"
for round in $(seq 1 "$rounds"); do
  run_carcosa carcosa "$carcosa"
  if [ -n "${BASELINE_BIN:-}" ]; then
    eval "$baseline_env"; export DATABASE_URL CARCOSA_CREDENTIALS_KEY
    run_carcosa "carcosa@${BASELINE_REV:-baseline}" "$BASELINE_BIN"
    eval "$main_env"; export DATABASE_URL CARCOSA_CREDENTIALS_KEY
  fi
  rm -f "$work"/pgbench_log*
  (cd "$work" && pgbench -n -c "$concurrency" -j 2 -T "$duration" -f insert.sql --log --log-prefix=pgbench_log "$DATABASE_URL" > pgbench.out 2>&1)
  python3 - "$work" >> "$results" <<'PY'
import glob, re, sys
work = sys.argv[1]
out = open(f"{work}/pgbench.out").read()
tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
lat = sorted(int(line.split()[2]) for f in glob.glob(f"{work}/pgbench_log*") for line in open(f))
pct = lambda p: lat[min(int(len(lat) * p), len(lat) - 1)] / 1000
print(f"pgbench\t{tps:.1f}\t{pct(0.50):.2f}\t{pct(0.95):.2f}\t{pct(0.99):.2f}\t0\t")
PY
  echo "round $round done" >&2
done

report="load-tests/reports/presign-c${concurrency}-$(date -u +%Y-%m-%d).md"
python3 - "$results" "$rounds" "$duration" "$concurrency" "$warmup" > "$report" <<'PY'
import statistics, subprocess, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
rounds, duration, concurrency, warmup = sys.argv[2:6]
car = [r for r in rows if r[0] == "carcosa"]; pgb = [r for r in rows if r[0] == "pgbench"]
base = [r for r in rows if r[0].startswith("carcosa@")]
med = lambda rs, i: statistics.median(float(r[i]) for r in rs)
ratios = [float(c[1]) / float(p[1]) for c, p in zip(car, pgb)]
sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
print("# Presign benchmark: `POST /v1/uploads` vs pgbench one-row INSERT\n")
print(f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}")
loadavg = " ".join(open("/proc/loadavg").read().split()[:3])
print(f"- machine: {sh('nproc')} cores, {sh('uname -r')}; load average at report time: {loadavg}")
print(f"- {rounds} alternating rounds; each side {duration} s measured at {concurrency} concurrent connections ({warmup} s unmeasured warm-up for carcosa)")
print("- carcosa: `carcosa serve` release build, default config (pool of 32 connections) with Redis (`REDIS_URL`), `carcosa-load presign` closed loop over keep-alive HTTP/1.1 on the same machine")
print("- rate limiting on: this build checks the key's `write` tier in Redis (GCRA Lua script) on every request; the project's override (10^9/h) keeps it from refusing")
print("- pgbench: `pgbench -n -c %s -j 2 -T %s`, one `INSERT INTO bench_uploads` (LIKE uploads INCLUDING ALL: same columns, defaults, checks, indexes; no foreign keys) per transaction" % (concurrency, duration))
print("- both against the same PostgreSQL 15 cluster (synchronous_commit on); load generator, server and Postgres share the machine's cores\n")
print("| round | side | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/req |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for i, (c, p) in enumerate(zip(car, pgb), 1):
    print(f"| {i} | carcosa | {c[1]} | {c[2]} | {c[3]} | {c[4]} | {c[5]} | {c[6]} |")
    if base:
        b = base[i - 1]
        print(f"| {i} | {b[0]} | {b[1]} | {b[2]} | {b[3]} | {b[4]} | {b[5]} | {b[6]} |")
    print(f"| {i} | pgbench | {p[1]} | {p[2]} | {p[3]} | {p[4]} | – | – |")
print(f"\n**Medians:** carcosa {med(car,1):.0f} req/s (p50 {med(car,2):.2f} ms, p95 {med(car,3):.2f} ms, p99 {med(car,4):.2f} ms); "
      f"pgbench {med(pgb,1):.0f} tx/s (p99 {med(pgb,4):.2f} ms).")
print(f"\n**Ratio carcosa/pgbench:** median {statistics.median(ratios):.2f} (per round: {', '.join(f'{r:.2f}' for r in ratios)}); "
      f"server CPU per request median {med(car,6):.3f} ms. Goal (issue #15): ≥ 1.0× pgbench's rate, p99 ≤ pgbench's + 2 ms, ≤ 0.1 ms CPU per request.")
if base:
    bratios = [float(b[1]) / float(p[1]) for b, p in zip(base, pgb)]
    ab = [float(c[1]) / float(b[1]) for c, b in zip(car, base)]
    print(f"\n**Baseline {base[0][0]}:** median {med(base,1):.0f} req/s (p99 {med(base,4):.2f} ms, {med(base,6):.3f} ms CPU/req); "
          f"its ratio to pgbench: median {statistics.median(bratios):.2f}. "
          f"**This build / baseline:** median {statistics.median(ab):.2f} (per round: {', '.join(f'{r:.2f}' for r in ab)}); "
          f"server CPU per request {med(car,6):.3f} vs {med(base,6):.3f} ms.")
PY
cat "$report"
