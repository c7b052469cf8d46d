#!/usr/bin/env bash
# Webhook deliveries against a local receiver (load-tests/webhooks.py): `carcosa serve` +
# `carcosa work` (release build) with loopback allowed for the receiver, events injected into the
# outbox so the delivery pipeline is what is measured.
#
#   burst   BURST events at once → sustained deliveries/s;
#   steady  RATE events/s for SECS s → event → delivery latency p50/p99;
#   outage  the receiver down for OUTAGE_SECS while OUTAGE events arrive → every event delivered,
#           each webhook-id exactly once, after the 5-minute retry.
#   load-tests/webhooks.sh     # BURST=5000 RATE=100 SECS=30 OUTAGE=500 OUTAGE_SECS=60
# Writes load-tests/reports/webhooks-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN_DIR:-target/release}
[ -n "${BIN_DIR:-}" ] || SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa
carcosa=$bin/carcosa
. load-tests/bench-setup.sh
bench_setup carcosa_bench_webhooks files:read,files:write,projects:read,projects:write
psql "$DATABASE_URL" -qc "UPDATE projects SET rate_limits = '{\"read\": 1000000000, \"write\": 1000000000, \"standard\": 1000000000, \"admin\": 1000000000}'"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
receiver_port=$(free_port)
work=$(mktemp -d)
export CARCOSA_OUTBOUND__ALLOW_LOOPBACK=true
CARCOSA_HTTP__BIND=127.0.0.1:$port $carcosa serve > "$work/serve.out" 2> "$work/serve.err" &
serve=$!
CARCOSA_METRICS__WORKER_BIND= $carcosa work > "$work/work.out" 2> "$work/work.err" &
worker=$!
trap 'kill $serve $worker 2> /dev/null || true; wait 2> /dev/null || true; rm -rf "$work"' EXIT
api=http://127.0.0.1:$port
curl -fsS --retry 50 --retry-connrefused --retry-delay 0 "$api/readyz" > /dev/null 2>&1 || curl -fsS "$api/readyz" > /dev/null
curl -fsS -o /dev/null -X POST "$api/v1/projects/current/webhooks" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' \
  -d "{\"url\": \"http://127.0.0.1:$receiver_port/hooks\", \"events\": [\"upload.ready\"]}"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
w0=$(cpu $worker)
pg0=$(psql "$DATABASE_URL" -tAc "SELECT sum(xact_commit) FROM pg_stat_database")
python3 load-tests/webhooks.py "$DATABASE_URL" "$project" "$receiver_port" \
  "${BURST:-5000}" "${RATE:-100}" "${SECS:-30}" "${OUTAGE:-500}" "${OUTAGE_SECS:-60}" > "$work/result.json"
w1=$(cpu $worker)
date=$(date +%Y-%m-%d)
mkdir -p load-tests/reports
python3 - "$work/result.json" "$(( (w1 - w0) ))" "$tick" "$(nproc)" "$(git rev-parse --short HEAD)" > "load-tests/reports/webhooks-$date.md" << 'PY'
import json, sys
r = json.load(open(sys.argv[1]))
worker_ticks, tick, cores, commit = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
b, s, o = r["burst"], r["steady"], r["outage"]
total = b["events"] + s["events"] + o["events"]
print(f"""# Webhook deliveries to a local receiver

`load-tests/webhooks.sh` on {cores} cores, commit `{commit}`, release build: `carcosa serve` and one
`carcosa work` (worker concurrency 8 per queue), a Python `http.server` receiver on loopback
answering 204. Events are injected into the outbox (`webhook_events`, what the upload and file
triggers write), so this measures dispatch, the `deliver_webhook` queue, signing and the POST.

| phase | figure |
|---|---|
| burst: {b['events']} events committed at once | **{b['per_sec']:.0f} deliveries/s** ({b['seconds']:.1f} s to the last), latency p50 {b['latency_p50_ms']:.0f} ms, p99 {b['latency_p99_ms']:.0f} ms |
| steady: {s['offered_per_sec']:.0f} events/s for {s['events'] / s['offered_per_sec']:.0f} s | event → delivery p50 **{s['latency_p50_ms']:.0f} ms**, p99 **{s['latency_p99_ms']:.0f} ms**, max {s['latency_max_ms']:.0f} ms; {s['delivered']}/{s['events']} delivered |
| outage: receiver down {o['receiver_down_secs']:.0f} s while {o['events']} events arrived | {o['delivered_distinct']}/{o['events']} delivered, the last {o['all_delivered_secs_after_up']:.0f} s after it came back; duplicate webhook-ids: {o['duplicates_after_settling']} |

Worker CPU over the whole run: {worker_ticks / tick:.1f} s for {total} deliveries plus the failed
attempts of the outage ({worker_ticks / tick / total * 1000:.2f} ms per delivery).

During the outage the receiver took connections and dropped them unanswered (kept-alive ones
too), then stopped listening. Attempts per outage delivery (attempts: deliveries):
{", ".join(f"{k}: {v}" for k, v in o["attempts"].items())} — on the schedule (now, 5 s, 5 min, …) the
attempt after the receiver came back succeeded, and each event reached it under the `webhook-id`
it had from the start ({o['duplicates_after_settling']} seen twice).
""")
PY
cat "load-tests/reports/webhooks-$date.md"
