#!/usr/bin/env bash
# The SDK's overhead: N uploads of a 2 MP JPEG against `carcosa dev` (release build: API, worker
# and embedded S3 in one process, default presets), concurrency C, two ways in the same run:
#
#   sdk   the TypeScript SDK as an app uses it: the browser uploader (createUploader) through the
#         app's endpoint (createRouteHandler behind node:http) — presign, PUT with progress,
#         complete, live status over the WebSocket with a per-upload realtime token;
#   curl  a bare shell loop of the same requests: curl presign → curl PUT → curl complete → curl
#         GET every 50 ms until ready, C at a time with xargs -P.
#
# Arms alternate (curl, sdk, curl, sdk, …) for ROUNDS rounds after a warm-up; the report gives
# each arm's median files/s and presign→ready p50/p99 and the SDK/curl ratios.
#   load-tests/sdk-upload.sh            # N=100 C=6 ROUNDS=3
# Needs Postgres on 127.0.0.1, curl, jq, Node.js; builds the SDK (npm ci) if needed. Writes
# load-tests/reports/sdk-upload-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-100}
c=${C:-6}
rounds=${ROUNDS:-3}
# BIN_DIR=target/debug tries the script quickly; figures are taken with the release build.
bin=${BIN_DIR:-target/release}
[ -n "${BIN_DIR:-}" ] || SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=$bin/carcosa
load=$bin/carcosa-uploads
(cd sdk/js && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run -s build)
. load-tests/bench-setup.sh
bench_photo
size=$(stat -c %s "$photo")

pg=postgres://postgres@127.0.0.1:5432
db=carcosa_bench_sdk
data=$(mktemp -d)
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
DATABASE_URL="$pg/$db" CARCOSA_LOG=warn $carcosa dev --data-dir "$data" --bind 127.0.0.1:0 --s3-bind 127.0.0.1:0 > "$data/out" 2> "$data/err" &
dev=$!
trap 'kill $dev 2> /dev/null || true; wait $dev 2> /dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do grep -q 'API key' "$data/out" 2> /dev/null && break; sleep 0.1; done
api=$(sed -n 's/^ *API  *\(http:[^ ]*\).*/\1/p' "$data/out" | head -1)
key=$(sed -n 's/^ *API key  *\(ck_[^ ]*\).*/\1/p' "$data/out" | head -1)
curl -fsS --retry 50 --retry-connrefused --retry-delay 0 "$api/readyz" > /dev/null
# The key's hourly budgets (write 1 000/h by default) would stop both arms well before the last
# round: lift them for the demo project, as presign.sh does.
curl -fsS -o /dev/null -X PATCH "$api/v1/projects/current" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"rate_limits": {"read": 1000000000, "standard": 1000000000, "write": 1000000000}}'
export API=$api KEY=$key PHOTO=$photo SIZE=$size

# One upload the bare way; prints "<status> <ms>".
curl_one() {
  local t0 up id url status
  t0=$(date +%s%N)
  up=$(curl -sS -X POST "$API/v1/uploads" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"filename\":\"p$1.jpg\",\"content_type\":\"image/jpeg\",\"size\":$SIZE}")
  id=$(jq -r .id <<< "$up")
  url=$(jq -r .upload.url <<< "$up")
  if [ "$id" = null ]; then
    echo "presign-refused 0"
    return
  fi
  curl -sS -o /dev/null -X PUT --data-binary @"$PHOTO" -H 'Content-Type: image/jpeg' "$url"
  curl -sS -o /dev/null -X POST "$API/v1/uploads/$id/complete" -H "Authorization: Bearer $KEY"
  until status=$(curl -sS "$API/v1/uploads/$id" -H "Authorization: Bearer $KEY" | jq -r .status); \
    [ "$status" = ready ] || [ "$status" = failed ]; do sleep 0.05; done
  echo "$status $((($(date +%s%N) - t0) / 1000000))"
}
export -f curl_one

# Runs a command with its stdout in $1; prints the CPU seconds it and its children used.
client_cpu() {
  python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.ru_utime + r.ru_stime)' "$@"
}
tick=$(getconf CLK_TCK)
# CPU of `carcosa dev` and its children (the worker's image render processes do the pixel work):
# its own time, its reaped children's (cutime, cstime), and its live children's.
server_cpu() {
  {
    awk '{ print $14 + $15 + $16 + $17 }' "/proc/$dev/stat"
    for p in $(pgrep -P "$dev"); do awk '{ print $14 + $15 }' "/proc/$p/stat" 2> /dev/null || true; done
  } | awk -v t="$tick" '{ s += $1 } END { print s / t }'
}

# round <arm> <n> → one JSON line {arm, wall_ms, times_ms, failed, client_cpu_s, server_cpu_s}
round() {
  local arm=$1 count=$2 out s0 s1 cpu t0 t1
  out=$(mktemp)
  s0=$(server_cpu)
  if [ "$arm" = sdk ]; then
    cpu=$(CARCOSA_URL=$API CARCOSA_KEY=$KEY client_cpu "$out" node load-tests/sdk-upload.mjs "$PHOTO" "$count" "$c")
    s1=$(server_cpu)
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d.update(arm="sdk", client_cpu_s=float(sys.argv[2]), server_cpu_s=float(sys.argv[3]))
print(json.dumps(d))' "$out" "$cpu" "$(echo "$s1 - $s0" | bc -l)"
  else
    t0=$(date +%s%N)
    cpu=$(client_cpu "$out" bash -c "seq 1 $count | xargs -P $c -I{} bash -c 'curl_one {}'")
    t1=$(date +%s%N)
    s1=$(server_cpu)
    python3 -c '
import json, sys
t0, t1 = int(sys.argv[2]), int(sys.argv[3])
rows = [l.split() for l in open(sys.argv[1]).read().splitlines() if l.strip()]
print(json.dumps({"arm": "curl", "wall_ms": (t1 - t0) / 1e6,
                  "times_ms": [float(ms) for s, ms in rows if s == "ready"],
                  "failed": sum(1 for s, _ in rows if s != "ready"),
                  "client_cpu_s": float(sys.argv[4]), "server_cpu_s": float(sys.argv[5])}))' \
      "$out" "$t0" "$t1" "$cpu" "$(echo "$s1 - $s0" | bc -l)"
  fi
  rm -f "$out"
}

echo "warm-up" >&2
round curl 12 > /dev/null
round sdk 12 > /dev/null
results=$(mktemp)
for r in $(seq 1 "$rounds"); do
  for arm in curl sdk; do
    echo "round $r: $arm ($n uploads, concurrency $c)" >&2
    round "$arm" "$n" | tee -a "$results" | python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); t=d["times_ms"]; print("  %d ready, %d failed, %.2f files/s" % (len(t), d["failed"], len(t) / d["wall_ms"] * 1000), file=sys.stderr)'
  done
done

mkdir -p load-tests/reports
report=load-tests/reports/sdk-upload-$(date +%Y-%m-%d).md
python3 - "$results" "$n" "$c" "$rounds" "$size" "$(git rev-parse --short HEAD)" "$(nproc)" > "$report" <<'PY'
import json, statistics, sys
path, n, c, rounds, size, rev, cpus = sys.argv[1:]
runs = [json.loads(l) for l in open(path) if l.strip()]

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

def per_round(arm):
    out = []
    for r in runs:
        if r["arm"] != arm:
            continue
        t = r["times_ms"]
        done = max(1, len(t))
        out.append({"rate": len(t) / r["wall_ms"] * 1000, "p50": pct(t, 50), "p99": pct(t, 99), "failed": r["failed"],
                    "client": r["client_cpu_s"] * 1000 / done, "server": r["server_cpu_s"] * 1000 / done})
    return out

arms = {a: per_round(a) for a in ("curl", "sdk")}
KEYS = ("rate", "p50", "p99", "client", "server")
med = {a: {k: statistics.median(x[k] for x in rs) for k in KEYS} for a, rs in arms.items()}
print(f"# SDK upload overhead — {n} × 2 MP JPEG, concurrency {c}\n")
print(f"Commit `{rev}`, {cpus} CPUs, `carcosa dev` (release: API + worker + embedded S3 in one process, "
      f"the demo project's default presets `thumb` and `preview`). Photo: {int(size) / 1e6:.2f} MB, 1632×1224. "
      f"Arms alternate, {rounds} rounds each after a warm-up; command: `load-tests/sdk-upload.sh` "
      f"(N={n} C={c} ROUNDS={rounds}).\n")
print("* **sdk**: `createUploader` → the app's endpoint (`createRouteHandler` behind `node:http`, same "
      "process) → presign + realtime token, `PUT` to the bucket, complete, follow the upload over the "
      "WebSocket until `upload.ready`.")
print("* **curl**: `curl` presign → `curl` PUT → `curl` complete → `curl` GET every 50 ms until `ready` "
      "(`xargs -P`).\n")
print("Time to ready is measured per upload from the moment it starts (its presign) to `ready`. "
      "Client CPU: the arm's processes (node; or bash, curl and jq) per upload. Server CPU: the "
      "`carcosa dev` process and its render child processes (API, worker, pixel work and the embedded "
      "S3 endpoint) per upload.\n")
print("| arm | round | files/s | p50 ms | p99 ms | failed | client CPU ms/upload | server CPU ms/upload |")
print("|---|---|---|---|---|---|---|---|")
for a, rs in arms.items():
    for i, x in enumerate(rs, 1):
        print(f"| {a} | {i} | {x['rate']:.2f} | {x['p50']:.0f} | {x['p99']:.0f} | {x['failed']} | {x['client']:.1f} | {x['server']:.1f} |")
print("\n| median over rounds | files/s | p50 ms | p99 ms | client CPU ms/upload | server CPU ms/upload |")
print("|---|---|---|---|---|---|")
for a in ("curl", "sdk"):
    m = med[a]
    print(f"| {a} | {m['rate']:.2f} | {m['p50']:.0f} | {m['p99']:.0f} | {m['client']:.1f} | {m['server']:.1f} |")
r = {k: med["sdk"][k] / med["curl"][k] for k in KEYS}
print(f"\n**SDK / curl**: files/s {r['rate']:.2f}×, p50 {r['p50']:.2f}×, p99 {r['p99']:.2f}×, "
      f"client CPU {r['client']:.2f}×, server CPU {r['server']:.2f}×.")
PY
cat "$report"
