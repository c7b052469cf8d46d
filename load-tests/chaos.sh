#!/usr/bin/env bash
# The chaos soak: a seeded stream of uploads (real images with presets, non-image files, hostile
# files, uploads abandoned before and after their PUT, files deleted as soon as they are ready)
# against 2 `carcosa serve` + 3 `carcosa work` processes while a seeded fault injector kills
# workers mid-job, kills API processes under their WebSocket clients, restarts Redis, drops
# Postgres' connections or restarts Postgres, and stops the S3 server. Afterwards a checker
# proves, from Postgres and the bucket, that nothing was lost, duplicated or left behind; any
# violation is printed and the script fails. See load-tests/src/bin/chaos/.
#
#   load-tests/chaos.sh            # long form (release build): 2000 uploads over 600 s, a fault
#                                  # every ~15 s; writes load-tests/reports/chaos-<date>.md
#   load-tests/chaos.sh --short    # CI form (debug build): 240 uploads over 60 s, a fault every
#                                  # ~5 s, the same checker
# Env: UPLOADS, SECS, FAULT_EVERY, SEED (7), PROFILE (debug|release), CARCOSA_BIN and CHAOS_BIN
# (prebuilt binaries), CHAOS_LOG (the processes'
# log filter; their logs are in load-tests/work/chaos/); CHAOS_PG (the Postgres server, default
# CARCOSA_TEST_DATABASE_URL's or the local one). Postgres is restarted (pg_ctlcluster, as root)
# only when the server is this machine's cluster on port 5432; otherwise its connections are
# dropped instead. Needs redis-server; uses its own Redis (6390), S3 server (8433) and API ports.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=long
[ "${1:-}" = --short ] && mode=short
if [ $mode = short ]; then
  uploads=${UPLOADS:-240} secs=${SECS:-60} every=${FAULT_EVERY:-5} profile=${PROFILE:-debug}
else
  uploads=${UPLOADS:-2000} secs=${SECS:-600} every=${FAULT_EVERY:-15} profile=${PROFILE:-release}
fi
# CARCOSA_BIN / CHAOS_BIN: binaries already built (scripts/test.sh passes the ones `cargo test`
# built, rather than building the same crates again with another feature set).
if [ -n "${CARCOSA_BIN:-}" ] && [ -n "${CHAOS_BIN:-}" ]; then
  carcosa=$CARCOSA_BIN chaos=$CHAOS_BIN
else
  release=()
  [ "$profile" = release ] && release=(--release)
  SQLX_OFFLINE=true cargo build "${release[@]}" --locked -q -p carcosa -p carcosa-load --bin carcosa --bin carcosa-chaos
  carcosa=target/$profile/carcosa chaos=target/$profile/carcosa-chaos
fi

server=${CARCOSA_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
export BENCH_PG=${CHAOS_PG:-${server%/*}}
export S3_PORT=8433 S3_BUCKETS=carcosa-chaos S3_FRESH=1
trap 'S3_PORT=8433 scripts/s3-test-server.sh stop' EXIT
. load-tests/bench-setup.sh
bench_setup carcosa_chaos files:read,files:write,files:delete
unset S3_FRESH
psql "$DATABASE_URL" -qc "UPDATE projects SET allowed_content_types = '{image/*,text/csv}'"

# Short lifetimes so that abandoned uploads expire, and the sweep and the usage roll-up run,
# within the run; no rate limits (the stream is one key at several requests per second).
export CARCOSA_LOG=${CHAOS_LOG:-info,sqlx=warn,aws_config=warn,aws_smithy_runtime=warn}
export CARCOSA_RATE_LIMITS__ENABLED=false
export CARCOSA_UPLOADS__URL_TTL_SECS=60 CARCOSA_UPLOADS__SWEEP_GRACE_SECS=5
export CARCOSA_WORKER__SWEEP_SCHEDULE="*/5 * * * * *" CARCOSA_WORKER__ROLLUP_SCHEDULE="*/20 * * * * *"

pg_restart=()
cluster=$(ls /etc/postgresql 2> /dev/null | head -1 || true)
if [ "$(id -u)" = 0 ] && [ -n "$cluster" ] && command -v pg_ctlcluster > /dev/null \
  && [ "$BENCH_PG" = postgres://postgres@127.0.0.1:5432 ]; then
  pg_restart=(--pg-restart "pg_ctlcluster --skip-systemctl-redirect $cluster main restart -m fast")
fi
report=()
[ $mode = long ] && report=(--report "load-tests/reports/chaos-$(date -u +%F).md")

$chaos --carcosa "$carcosa" --key "$key" --project "$project" --uploads "$uploads" --secs "$secs" \
  --fault-every "$every" --seed "${SEED:-7}" "${pg_restart[@]}" "${report[@]}"
