#!/usr/bin/env bash
# WebSocket fan-out benchmark: N subscribers on one `carcosa serve` (release) following their
# project, events published through Redis at a fixed rate exactly as workers publish them; in the
# same run, the same N against a bare tokio-tungstenite broadcaster (no auth, no Redis) at the
# same rate. Reports delivered msgs/s, publish->deliver latency p50/p99 (send time in the
# payload), server CPU per message and server memory per 1k connections.
#   load-tests/ws.sh                       # N = 1000 5000 10000, 10 events/s, 10 s each
#   CONNS="1000" RATE=20 SECS=15 REPORT=/tmp/ws.md load-tests/ws.sh
# Needs Postgres and Redis on 127.0.0.1 (6379); writes load-tests/reports/ws-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
conns_list=${CONNS:-"1000 5000 10000"}
rate=${RATE:-10}
secs=${SECS:-10}
port=${PORT:-18082}
bport=${BASELINE_PORT:-18083}
db=carcosa_bench_ws
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
ulimit -n "$(ulimit -Hn)"  # 10k connections need ~10k descriptors on each side
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=${CARCOSA_BIN:-target/release/carcosa}
ws=target/release/carcosa-ws
. load-tests/bench-setup.sh
bench_setup "$db" files:read
# Opening a socket with a key counts against the project's `read` tier too: lifted like the rest.
bench_unlimited

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
user_ticks() { awk '{print $14}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
results=$(mktemp)
measure() { # side pid conns -- command...
  local side=$1 pid=$2 n=$3; shift 4
  local rss0 t0 u0 peak=0 out t1 u1
  rss0=$(rss_kb "$pid"); t0=$(cpu_ticks "$pid"); u0=$(user_ticks "$pid")
  ( while kill -0 "$pid" 2> /dev/null; do rss_kb "$pid"; sleep 0.5; done ) > "$results.rss" &
  local sampler=$!
  out=$("$@")
  t1=$(cpu_ticks "$pid"); u1=$(user_ticks "$pid"); kill $sampler 2> /dev/null || true
  peak=$(sort -n "$results.rss" | tail -1)
  python3 - "$side" "$n" "$out" "$rss0" "$peak" "$((t1 - t0))" "$(getconf CLK_TCK)" "$((u1 - u0))" >> "$results" <<'PY'
import json, sys
side, n, out, rss0, peak, ticks, hz, uticks = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
cpu_ms = ticks * 1000 / hz
user_ms = uticks * 1000 / hz
print("\t".join(map(str, [side, n, out["opened"], out["delivered"], f"{out['msgs_per_sec']:.0f}", f"{out['p50_ms']:.2f}",
      f"{out['p99_ms']:.2f}", f"{out['max_ms']:.1f}", f"{(peak - rss0) / 1024 / max(n / 1000, 1e-9):.1f}",
      f"{cpu_ms * 1000 / max(out['delivered'], 1):.2f}", f"{out['connect_secs']:.1f}",
      f"{user_ms * 1000 / max(out['delivered'], 1):.2f}", f"{(cpu_ms - user_ms) * 1000 / max(out['delivered'], 1):.2f}"])))
PY
}
# All N connections come from one key and one address: the per-key and per-address connect and
# subscribe limits (60 and 600 a minute by default) are raised so they are consulted but never
# refuse.
export CARCOSA_RATE_LIMITS__WS_CONNECTS_PER_MIN=1000000000 CARCOSA_RATE_LIMITS__WS_SUBSCRIBES_PER_MIN=1000000000
for n in $conns_list; do
  REDIS_URL=$redis_url CARCOSA_HTTP__BIND=127.0.0.1:$port $carcosa serve &
  serve=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
  measure carcosa $serve "$n" -- $ws run --url "ws://127.0.0.1:$port/v1/ws" --conns "$n" --secs "$secs" \
    --key "$key" --redis "$redis_url" --project "$project" --rate "$rate"
  kill $serve; wait $serve 2> /dev/null || true
  $ws baseline --bind 127.0.0.1:$bport --rate "$rate" &
  base=$!
  sleep 0.3
  measure baseline $base "$n" -- $ws run --url "ws://127.0.0.1:$bport/" --conns "$n" --secs "$secs"
  kill $base; wait $base 2> /dev/null || true
  echo "N=$n done" >&2
done
report=${REPORT:-"load-tests/reports/ws-$(date -u +%Y-%m-%d).md"}
python3 - "$results" "$rate" "$secs" > "$report" <<'PY'
import subprocess, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
rate, secs = sys.argv[2], sys.argv[3]
sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
print("# WebSocket fan-out: carcosa serve (Redis -> hub -> sessions) vs a bare tokio-tungstenite broadcaster\n")
print(f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}; {sh('nproc')} cores; load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
print(f"- every subscriber follows its project; {rate} events/s for {secs} s; carcosa's events are PUBLISHed to Redis exactly as workers publish them, the baseline generates its own (no auth, no Redis, no filtering)")
print("- latency = receive time - the event's `at` (set just before PUBLISH / broadcast), same clock; the client (one process, same 2 cores) parses every message")
print("- memory = server peak RSS during the run minus before it, per 1 000 connections; CPU = server CPU time over the run per delivered message, and its user / kernel split (utime / stime; this kernel has no IRQ time accounting, so the loopback TCP receive path a server's write runs in softirq is charged to the server's stime)")
print("- both deliver every event they send; the baseline keeps ticking through the 0.5 s drain at the end, so its delivered count is a few % higher by construction\n")
print("| N | server | connected | delivered | msgs/s | p50 ms | p99 ms | max ms | MB per 1k conns | server CPU µs/msg | user µs/msg | kernel µs/msg | connect s |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r[1]} | {r[0]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} | {r[8]} | {r[9]} | {r[11]} | {r[12]} | {r[10]} |")
print()
by = {(r[0], r[1]): r for r in rows}
for n in sorted({int(r[1]) for r in rows}):
    c, b = by.get(("carcosa", str(n))), by.get(("baseline", str(n)))
    if c and b:
        print(f"- N={n}: carcosa delivered {float(c[4]) / max(float(b[4]), 1e-9):.2f}x the baseline's msgs/s; p99 {c[6]} ms vs {b[6]} ms "
              f"(ratio {float(c[6]) / max(float(b[6]), 1e-9):.2f}); CPU/msg ratio {float(c[9]) / max(float(b[9]), 1e-9):.2f} "
              f"(user {float(c[11]) / max(float(b[11]), 1e-9):.2f}, kernel {float(c[12]) / max(float(b[12]), 1e-9):.2f}); "
              f"the baseline's kernel time alone is {float(b[12]) / max(float(b[9]), 1e-9):.2f} of its CPU/msg")
PY
cat "$report"
