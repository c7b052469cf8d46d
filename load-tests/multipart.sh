#!/usr/bin/env bash
# Large uploads: a 1 GiB file into the S3 test server (SeaweedFS, scripts/s3-test-server.sh),
# two ways in the same run, alternating for ROUNDS rounds after a warm-up of each:
#
#   sdk    the TypeScript SDK's multipart path (Carcosa.uploadBytes: presign, part URLs in
#          batches, 8 MiB parts, 4 in flight, straight to the bucket, complete) against
#          `carcosa serve` + `carcosa work` (release build);
#   boto3  boto3's upload_file straight to the bucket (what `aws s3 cp` does) with the same part
#          size and concurrency (TransferConfig 8 MiB, max_concurrency 4), no Carcosa at all.
#
# Reported per arm: median MiB/s of the upload (first byte to complete), the client's CPU
# seconds; for the SDK also presign→ready (verification copies the 1 GiB object server-side).
# Then the resume: the browser uploader (createUploader, through the app's endpoint) is killed
# with SIGKILL at 50 % — a closed tab — and a new process picks the same file again: the time
# from start() to its first `resumed` progress event, the bytes it found already in the bucket,
# and the parts it sent again.
#   load-tests/multipart.sh             # SIZE_MIB=1024 ROUNDS=3
# Needs Postgres on 127.0.0.1, Node.js, python3 (boto3 from PyPI into a venv). Writes
# load-tests/reports/multipart-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${SIZE_MIB:-1024}
rounds=${ROUNDS:-3}
bin=${BIN_DIR:-target/release}
[ -n "${BIN_DIR:-}" ] || SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa
carcosa=$bin/carcosa
(cd sdk/js && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run -s build)
venv=${HOME}/.cache/carcosa-bench-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import boto3' 2> /dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'boto3==1.44.8'
fi

. load-tests/bench-setup.sh
bench_setup carcosa_bench_multipart files:read,files:write,files:delete
# The project takes video up to 2 GiB (multipart from the default 64 MiB threshold).
psql "$DATABASE_URL" -qc "UPDATE projects SET allowed_content_types = '{image/*,video/mp4}', max_upload_bytes = 2147483648, rate_limits = '{\"read\": 1000000000, \"write\": 1000000000, \"standard\": 1000000000}'"
# Live status crosses from the worker to the API's WebSocket through Redis.
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
api=http://127.0.0.1:$port
CARCOSA_HTTP__BIND=127.0.0.1:$port $carcosa serve > "$work/serve.out" 2> "$work/serve.err" &
serve=$!
CARCOSA_METRICS__WORKER_BIND= $carcosa work > "$work/work.out" 2> "$work/work.err" &
worker=$!
trap 'kill $serve $worker 2> /dev/null || true; wait 2> /dev/null || true; rm -rf "$work"' EXIT
curl -fsS --retry 50 --retry-connrefused --retry-delay 0 "$api/readyz" > /dev/null 2>&1 || curl -fsS "$api/readyz" > /dev/null

file=$work/movie.mp4
python3 - "$file" "$size_mib" << 'PY'
import sys
path, mib = sys.argv[1], int(sys.argv[2])
block = bytes((i * 7 + 3) % 251 for i in range(1 << 20))
with open(path, "wb") as f:
    f.write(bytes.fromhex("000000186674797069736f6d0000020069736f6d") + block[20:])
    for i in range(1, mib):
        f.write(block[i % 251:] + block[:i % 251])
PY

boto_one() {
  "$venv/bin/python" - "$file" << 'PY'
import json, resource, sys, time, boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:8333", region_name="us-east-1",
                  aws_access_key_id="carcosatestkey", aws_secret_access_key="carcosatestsecret123",
                  config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
cfg = TransferConfig(multipart_threshold=8 << 20, multipart_chunksize=8 << 20, max_concurrency=4, use_threads=True)
key = f"bench/boto3-{time.time_ns()}.mp4"
r0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter()
s3.upload_file(sys.argv[1], "carcosa-test", key, Config=cfg, ExtraArgs={"ContentType": "video/mp4"})
ms = (time.perf_counter() - t0) * 1000
r1 = resource.getrusage(resource.RUSAGE_SELF)
s3.delete_object(Bucket="carcosa-test", Key=key)
print(json.dumps({"upload_ms": ms, "cpu_ms": (r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1000}))
PY
}
sdk_one() { node load-tests/multipart.mjs sdk "$api" "$key" "$file"; }

echo "warm-up" >&2
boto_one > /dev/null
sdk_one > /dev/null
: > "$work/sdk.jsonl"
: > "$work/boto.jsonl"
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: boto3" >&2
  boto_one >> "$work/boto.jsonl"
  echo "round $r/$rounds: sdk" >&2
  sdk_one >> "$work/sdk.jsonl"
done
echo "resume after a kill at 50 %" >&2
node load-tests/multipart.mjs resume "$api" "$key" "$file" 0.5 > "$work/resume.json"

date=$(date +%Y-%m-%d)
mkdir -p load-tests/reports
python3 - "$work" "$size_mib" "$rounds" "$(nproc)" "$(git rev-parse --short HEAD)" > "load-tests/reports/multipart-$date.md" << 'PY'
import json, statistics as st, sys
work, mib, rounds, cores, commit = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
load = lambda p: [json.loads(l) for l in open(f"{work}/{p}") if l.strip()]
sdk, boto = load("sdk.jsonl"), load("boto.jsonl")
resume = json.load(open(f"{work}/resume.json"))
med = lambda rows, k: st.median(r[k] for r in rows)
rate = lambda ms: mib / (ms / 1000)
s_up, b_up = med(sdk, "upload_ms"), med(boto, "upload_ms")
print(f"""# Multipart uploads: {mib} MiB through the SDK vs boto3, and resuming after a kill

`load-tests/multipart.sh` (SIZE_MIB={mib}, ROUNDS={rounds}) on {cores} cores, commit `{commit}`,
release build. One {mib} MiB file into the S3 test server (SeaweedFS 4.48 `weed mini` on loopback),
8 MiB parts, 4 in flight, in the same run, arms alternating after a warm-up of each.

| arm | median upload time | median MiB/s | client CPU (median) | presign → ready |
|---|---|---|---|---|
| SDK multipart (`Carcosa.uploadBytes` via `carcosa serve`) | {s_up/1000:.2f} s | {rate(s_up):.1f} | {med(sdk, 'cpu_ms')/1000:.2f} s | {med(sdk, 'ready_ms')/1000:.2f} s |
| boto3 `upload_file` straight to the bucket | {b_up/1000:.2f} s | {rate(b_up):.1f} | {med(boto, 'cpu_ms')/1000:.2f} s | – |

**SDK / boto3**: throughput {rate(s_up)/rate(b_up):.2f}×, client CPU {med(sdk, 'cpu_ms')/med(boto, 'cpu_ms'):.2f}×.
"Upload" is first byte to `complete` answered (for the SDK: presign, {-(-mib // 8)} part URLs in
batches of 100, every part, CompleteMultipartUpload after ListParts checked the layout). "Ready"
adds verification: HEAD, sniff, and the server-side copy of the {mib} MiB object to its final key.

Every round:

| round | SDK upload s | SDK ready s | boto3 upload s |
|---|---|---|---|
""" + "\n".join(f"| {i+1} | {s['upload_ms']/1000:.2f} | {s['ready_ms']/1000:.2f} | {b['upload_ms']/1000:.2f} |" for i, (s, b) in enumerate(zip(sdk, boto))) + f"""

## Resume after a closed tab at 50 %

The browser uploader (`createUploader`, what `<UploadDropzone>` runs) through the app's endpoint
(`createRouteHandler` on node:http), with a file-backed resume store standing in for
`localStorage`. The first process was killed (SIGKILL) once 50 % of the bytes were in the bucket,
after {resume['first_ms']/1000:.2f} s and {resume['parts_before']} parts; a new process picked the same file:

| | |
|---|---|
| start() → first `resumed` progress event | **{resume['resume_ms']:.0f} ms** (a `resume` call: ListParts of the upload, a fresh realtime token) |
| bytes found in the bucket | {resume['resumed_at_bytes'] / (1 << 20):.0f} MiB of {mib} MiB |
| parts sent after resuming | {resume['parts_after']} of {resume['part_count']} |
| start() → `ready` | {resume['rest_ms']/1000:.2f} s |

Parts in flight when the process died are lost and sent again; parts already in the bucket are not.
""")
PY
cat "load-tests/reports/multipart-$date.md"
