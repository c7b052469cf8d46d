#!/usr/bin/env bash
# On-demand transform latency (cache miss and hit) through the HTTP API, with pyvips on the same
# sources and specs in the same run (see transforms.py). Starts the S3 test server, a fresh
# database, `carcosa serve` and `carcosa work` (release builds); writes
# load-tests/reports/transforms-<date>.md.
#   load-tests/transforms.sh [--hits 20] [--threads 8] [--seconds 10]
#   CARCOSA_BIN=/path/to/old/carcosa REPORT=… load-tests/transforms.sh   # the same run of another build
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import pyvips' 2> /dev/null; then
  dpkg -s libvips42 > /dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvips42; }
  python3 -m pip install -q --disable-pip-version-check pyvips
fi
port=${PORT:-18081}
db=carcosa_bench_transforms
if [ -z "${CARCOSA_BIN:-}" ]; then
  SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa
fi
carcosa=${CARCOSA_BIN:-target/release/carcosa}
. load-tests/bench-setup.sh
bench_setup "$db" files:read,files:write,transforms:execute

CARCOSA_HTTP__BIND=127.0.0.1:$port $carcosa serve &
serve=$!
CARCOSA_WORKER__RUN_CRON=false $carcosa work &
work=$!
trap 'kill $serve $work 2> /dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
mkdir -p load-tests/reports
python3 load-tests/transforms.py --api "http://127.0.0.1:$port" --key "$key" --serve-pid $serve --work-pid $work \
  --out "${REPORT:-load-tests/reports/transforms-$(date -u +%Y-%m-%d).md}" "$@"
