#!/usr/bin/env bash
# Where the WebSocket fan-out's CPU goes: the same N subscribers as load-tests/ws.sh on
# `carcosa serve` and on the bare tokio-tungstenite broadcaster, each server sampled with
# `perf record` (cpu-clock, call graphs) for 8 s of the steady state. Every sample is put in one
# bucket: kernel, loopback receive path (softirq delivering the server's own writes to the
# client's socket, which loopback runs and charges in the sender's context); kernel, anything
# else (the send path, syscalls, epoll, scheduler); user, libc; user, the program. Prints µs of
# server CPU per delivered message for each bucket.
#   N=5000 load-tests/ws-profile.sh        # needs perf (Debian: linux-perf), Postgres, Redis
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-5000}
rate=${RATE:-10}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
ulimit -n "$(ulimit -Hn)"
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=${CARCOSA_BIN:-target/release/carcosa}
ws=target/release/carcosa-ws
. load-tests/bench-setup.sh
bench_setup carcosa_bench_ws files:read
bench_unlimited
export CARCOSA_RATE_LIMITS__WS_CONNECTS_PER_MIN=1000000000 CARCOSA_RATE_LIMITS__WS_SUBSCRIBES_PER_MIN=1000000000
out=$(mktemp -d)
profile() { # side pid client-pid
  sleep $((n / 2000 + 4)) # connected, subscribed, events flowing
  perf record -q -e cpu-clock -F 4000 -g -o "$out/$1.data" -p "$2" -- sleep 8 2> /dev/null
  wait "$3"
  perf script -i "$out/$1.data" -F ip,sym,dso > "$out/$1.txt" 2> /dev/null
}
REDIS_URL=$redis_url CARCOSA_HTTP__BIND=127.0.0.1:18082 $carcosa serve &
serve=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18082/healthz > /dev/null && break; sleep 0.1; done
$ws run --url ws://127.0.0.1:18082/v1/ws --conns "$n" --secs 14 --key "$key" --redis "$redis_url" \
  --project "$project" --rate "$rate" > "$out/carcosa.json" &
profile carcosa $serve $!
kill $serve; wait $serve 2> /dev/null || true
$ws baseline --bind 127.0.0.1:18083 --rate "$rate" &
base=$!
sleep 0.3
$ws run --url ws://127.0.0.1:18083/ --conns "$n" --secs 14 > "$out/baseline.json" &
profile baseline $base $!
kill $base; wait $base 2> /dev/null || true
python3 - "$out" "$n" "$rate" <<'PY'
import collections, json, sys
out, n, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
buckets = ["kernel: loopback receive", "kernel: other", "user: libc", "user: program"]
def split(path):
    c, stack = collections.Counter(), []
    def flush():
        if not stack:
            return
        if any(s in f for f in stack for s in ("net_rx_action", "process_backlog", "__netif_receive_skb")):
            c[buckets[0]] += 1
        elif "[kernel.kallsyms]" in stack[0]:
            c[buckets[1]] += 1
        elif "libc" in stack[0]:
            c[buckets[2]] += 1
        else:
            c[buckets[3]] += 1
    for line in open(path):
        if not line.strip():
            flush(); stack = []
        elif line[0] in " \t":
            stack.append(line.strip())
    flush()
    return c
print(f"N={n}, {rate} events/s; perf cpu-clock at 4 kHz over 8 s of the steady state; µs of server CPU per delivered message (msgs/s from the client's run)\n")
print("| server | msgs/s | " + " | ".join(buckets) + " | total |")
print("|---|---:|" + "---:|" * (len(buckets) + 1))
per = {}
for side in ("carcosa", "baseline"):
    c = split(f"{out}/{side}.txt")
    rate_ = json.load(open(f"{out}/{side}.json"))["msgs_per_sec"]
    us = {b: c[b] / 4000 / 8 / rate_ * 1e6 for b in buckets}  # samples -> s per s -> µs per msg
    per[side] = us
    print(f"| {side} | {rate_:.0f} | " + " | ".join(f"{us[b]:.2f}" for b in buckets) + f" | {sum(us.values()):.2f} |")
c, b = per["carcosa"], per["baseline"]
kc = c[buckets[0]] + c[buckets[1]]
print(f"\ncarcosa's kernel time alone is {kc / sum(b.values()):.2f}x the baseline's total CPU per message; "
      f"CPU per message ratio {sum(c.values()) / sum(b.values()):.2f}")
PY
