#!/usr/bin/env bash
# Scale-out on one machine: N `carcosa serve` + N `carcosa work` processes (N = 1, 2, 4) against
# one Postgres, one Redis and one S3 server, with real uploads (presign → PUT a 2 MP JPEG →
# complete → `upload.ready` over a WebSocket; the project's default presets, so every upload
# costs a decode and two WebP encodes). At each step and offered rate: uploads/s achieved,
# presign→ready p50/p99, and the CPU each kind of process used (API, workers with their render
# processes, Postgres, Redis, the S3 server) — where the bottleneck is.
#   load-tests/scale.sh        # STEPS="1 2 4" RATES="10 15 20" SECS=20
# Needs Postgres and Redis on 127.0.0.1; writes load-tests/reports/scale-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${STEPS:-"1 2 4"}
rates=${RATES:-"10 15 20"}
secs=${SECS:-20}
db=carcosa_bench_scale
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=target/release/carcosa
load=target/release/carcosa-uploads
. load-tests/bench-setup.sh
bench_photo
bench_setup "$db" files:read,files:write
bench_unlimited

results=$(mktemp)
pids=()
stop_all() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2> /dev/null || true
  wait 2> /dev/null || true
  pids=()
}
trap stop_all EXIT

# CPU seconds used so far by each kind of process, from /proc: utime + stime of every live
# process plus cutime + cstime (its children that exited and were reaped) — render processes
# are replaced every 200 renders and Postgres backends come and go, and their CPU moves to the
# parent's children's time when they exit, so nothing is lost between two snapshots. Render
# processes are counted with the workers.
cpu_snapshot() {
  python3 - <<'PY'
import json, os
hz = os.sysconf("SC_CLK_TCK")
kinds = {}
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    cpu = sum(int(stat[i]) for i in (11, 12, 13, 14)) / hz
    if "carcosa serve" in cmd:
        kind = "api"
    elif "carcosa work" in cmd or "carcosa render-child" in cmd:
        kind = "workers"
    elif cmd.startswith("postgres") or "/postgres" in cmd.split(" ")[0]:
        kind = "postgres"
    elif "redis-server" in cmd:
        kind = "redis"
    elif "weed" in cmd:
        kind = "s3"
    elif "carcosa-uploads" in cmd:
        kind = "loadgen"
    else:
        continue
    kinds[kind] = kinds.get(kind, 0) + cpu
print(json.dumps(kinds))
PY
}

port0=18300
# Every process has its own pool; 2N of them must stay under Postgres' max_connections (100 by
# default) with room for the rest: 80 connections shared out, at most the default 32 each.
pg_max=$(psql "$DATABASE_URL" -tAc "SHOW max_connections")
for n in $steps; do
  pool=$(( (pg_max - 20) / (2 * n) ))
  [ "$pool" -gt 32 ] && pool=32
  export CARCOSA_DATABASE__MAX_CONNECTIONS=$pool
  apis=()
  for i in $(seq 1 "$n"); do
    port=$((port0 + i))
    REDIS_URL=$redis_url CARCOSA_HTTP__BIND=127.0.0.1:$port $carcosa serve &
    pids+=($!)
    apis+=("http://127.0.0.1:$port")
    REDIS_URL=$redis_url CARCOSA_METRICS__WORKER_BIND= $carcosa work &
    pids+=($!)
  done
  for api in "${apis[@]}"; do
    for _ in $(seq 1 100); do curl -sf "$api/healthz" > /dev/null && break; sleep 0.1; done
  done
  list=$(IFS=,; echo "${apis[*]}")
  for rate in $rates; do
    before=$(cpu_snapshot)
    t0=$(date +%s.%N)
    # The load generator has exited by the second snapshot: its CPU comes from time(1).
    out=$(/usr/bin/time -f '%U %S' -o "$results.time" \
      $load --api "$list" --key "$key" --file "$photo" --rate "$rate" --secs "$secs" --warmup 4)
    after=$(cpu_snapshot)
    wall=$(awk "BEGIN { print $(date +%s.%N) - $t0 }")
    loadgen=$(awk '{print $1 + $2}' "$results.time")
    echo "$n $rate $pool $wall $out $before $after $loadgen" | tee -a "$results"
  done
  stop_all
done

date=$(date -u +%F)
report=load-tests/reports/scale-$date.md
python3 - "$results" "$secs" "$(nproc)" > "$report" <<'PY'
import json, sys
secs, cores = float(sys.argv[2]), sys.argv[3]
rows = []
for line in open(sys.argv[1]):
    n, rate, pool, wall, rest = line.split(" ", 4)
    dec = json.JSONDecoder()
    parts = []
    while rest.strip():
        value, i = dec.raw_decode(rest.lstrip())
        parts.append(value)
        rest = rest.lstrip()[i:]
    out, before, after, loadgen = parts
    cpu = {k: after.get(k, 0) - before.get(k, 0) for k in set(after) | set(before)}
    cpu["loadgen"] = loadgen
    rows.append((int(n), float(rate), int(pool), float(wall), out, cpu))
print(f"# Scale-out on one machine — {__import__('datetime').date.today()}\n")
print(f"`load-tests/scale.sh` on this machine ({cores} cores, shared by everything below). N `carcosa serve` and N "
      f"`carcosa work` processes (release) against one Postgres, one Redis and one S3 test server; the load generator "
      f"spreads uploads round-robin over the N API processes, open loop for {secs:.0f} s per rate: presign → PUT a 2 MP "
      "JPEG → complete → `upload.ready` on a WebSocket. The project has the default presets (two WebP variants per "
      "upload). CPU is each kind of process's utime + stime over the rate's run, with the children it reaped (render "
      "processes count as workers, Postgres backends as Postgres; the load generator's from time(1)), in cores (CPU "
      "seconds / wall seconds between the two snapshots: warm-up, the run and its drain). Each process's database pool is cut so that all 2N fit in Postgres' max_connections "
      "(pool column).\n")
print("| N (API + worker processes) | pool | offered/s | achieved/s | ok / started | presign→ready p50 | p99 | "
      "API | workers | Postgres | Redis | S3 server | load generator | all (cores) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for n, rate, pool, wall, out, cpu in rows:
    c = lambda k: cpu.get(k, 0) / wall
    total = sum(cpu.get(k, 0) for k in ("api", "workers", "postgres", "redis", "s3", "loadgen")) / wall
    print(f"| {n} | {pool} | {rate:.0f} | {out['uploads_per_s']:.1f} | {out['ok']} / {out['started']} | {out['p50_ms']:.0f} ms | "
          f"{out['p99_ms']:.0f} ms | {c('api'):.2f} | {c('workers'):.2f} | {c('postgres'):.2f} | {c('redis'):.2f} | "
          f"{c('s3'):.2f} | {c('loadgen'):.2f} | {total:.2f} |")
PY
cat "$report"
echo "report: $report"
