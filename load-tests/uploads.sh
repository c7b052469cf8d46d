#!/usr/bin/env bash
# Uploads end to end: `carcosa serve` + `carcosa work` (release, Redis for live events) on the
# S3 test server; open-loop clients presign → PUT a 2 MP JPEG → complete → wait for
# `upload.ready` over the WebSocket. Reports uploads/s and presign→ready p50/p95/p99 per rate.
# The comparison in the same run: the S3 server alone — the median of a bare PUT of the same
# file, the floor any upload service on this bucket pays.
#   load-tests/uploads.sh                  # RATES="10 20" SECS=30 WORKERS=1
# Needs Postgres and Redis on 127.0.0.1; writes load-tests/reports/uploads-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rates=${RATES:-"10 20"}
secs=${SECS:-30}
workers=${WORKERS:-1}
port=${PORT:-18084}
db=carcosa_bench_uploads
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=target/release/carcosa
load=target/release/carcosa-uploads
. load-tests/bench-setup.sh
bench_photo
bench_setup "$db" files:read,files:write
# The project's rate limits are consulted but never refuse (the default write tier allows 500/h).
bench_unlimited

REDIS_URL=$redis_url CARCOSA_HTTP__BIND=127.0.0.1:$port $carcosa serve &
serve=$!
pids=()
for i in $(seq 1 "$workers"); do
  REDIS_URL=$redis_url CARCOSA_METRICS__WORKER_BIND= $carcosa work &
  pids+=($!)
done
trap 'kill $serve "${pids[@]}" 2> /dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done

# Floor: the same file PUT straight to the S3 server (presigned by Carcosa, so it is the same
# request the clients make), 20 times sequentially.
floor=$(python3 - "$port" "$key" "$photo" <<'PY'
import json, statistics, sys, time, urllib.request
port, key, photo = sys.argv[1], sys.argv[2], sys.argv[3]
body = open(photo, "rb").read()
times = []
for _ in range(20):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/uploads", method="POST",
        data=json.dumps({"filename": "f.jpg", "content_type": "image/jpeg", "size": len(body)}).encode(),
        headers={"authorization": f"Bearer {key}", "content-type": "application/json"})
    up = json.load(urllib.request.urlopen(req))["upload"]
    headers = {k: v for k, v in up["headers"].items() if k != "content-length"}
    t = time.perf_counter()
    urllib.request.urlopen(urllib.request.Request(up["url"], data=body, method="PUT", headers=headers)).read()
    times.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(times):.1f}")
PY
)

results=$(mktemp)
run_rates() { # label
  for rate in $rates; do
    out=$($load --api "http://127.0.0.1:$port" --key "$key" --file "$photo" --rate "$rate" --secs "$secs")
    echo "$1 $out" | tee -a "$results"
  done
}
# 1. The project's default presets (two WebP variants per upload, made before `ready`).
run_rates default
# 2. No presets: `ready` right after verification and the image probe — the service's own path.
for preset in thumb preview; do
  $carcosa admin project remove-preset --org bench --team load --project site "$preset" > /dev/null
done
run_rates none

date=$(date -u +%F)
report=load-tests/reports/uploads-$date.md
python3 - "$results" "$floor" "$secs" "$workers" "$(nproc)" "$(stat -c %s "$photo")" > "$report" <<'PY'
import json, sys
rows = []
for line in open(sys.argv[1]):
    if line.strip():
        label, js = line.split(" ", 1)
        rows.append(dict(json.loads(js), presets=label))
floor, secs, workers, cores, size = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
print(f"# Uploads end to end — {__import__('datetime').date.today()}\n")
print(f"`load-tests/uploads.sh` on this machine ({cores} cores, shared; Postgres, Redis, the S3 test server, "
      f"the API, {workers} worker process(es) and the load generator all on it). Open loop for {secs} s per rate: "
      f"presign → PUT a 2 MP JPEG ({size / 1e6:.2f} MB, 1632×1224) to the bucket → complete → `upload.ready` "
      "received on a WebSocket subscribed to the project. `ready` means verified (HEAD + 4 KiB sniff) and the "
      "project's preset variants made. Two configurations in the same run: **default** presets — `thumb` "
      "(256×256 cover WebP) and `preview` (1024 wide WebP), so every upload costs a 2 MP decode and two encodes "
      "on the worker — and **none** (presets removed: verification, then an image probe, then `ready`).\n")
print(f"Floor in the same run: a bare PUT of the same file to the S3 server takes **{floor} ms** (median of 20).\n")
print("| presets | rate (uploads/s) | ok / started | uploads/s | presign→ready p50 | p95 | p99 | max | presign p50 | PUT p50 | complete p50 | complete→ready p50 / p99 |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['presets']} | {r['rate']:.0f} | {r['ok']} / {r['started']} | {r['uploads_per_s']:.1f} | {r['p50_ms']:.0f} ms | {r['p95_ms']:.0f} ms | "
          f"{r['p99_ms']:.0f} ms | {r['max_ms']:.0f} ms | {r['presign_p50_ms']:.1f} | {r['put_p50_ms']:.1f} | "
          f"{r['complete_p50_ms']:.1f} | {r['complete_to_ready_p50_ms']:.0f} / {r['complete_to_ready_p99_ms']:.0f} |")
errs = {k: v for r in rows for k, v in r["errors"].items()}
if errs:
    print("\nErrors: " + json.dumps(errs))
PY
cat "$report"
echo "report: $report"
