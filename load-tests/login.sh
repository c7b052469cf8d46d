#!/usr/bin/env bash
# Login latency: `POST /v1/auth/login` against `carcosa serve` (release build), which verifies an
# Argon2id hash (19 MiB, 2 passes, 1 lane) per attempt, compared in the same run with the
# reference Argon2 implementation (Debian's `argon2` command) hashing with the same parameters.
# Sequential requests (latency of one login on an idle server) and 8 concurrent clients (the
# hash pool, auth.max_concurrent_hashes = 4, queues the rest).
#
#   load-tests/login.sh                 # 60 sequential + 240 concurrent logins
#   N=100 load-tests/login.sh
#
# Needs Postgres on 127.0.0.1:5432 and the S3 test server (started here). Writes
# load-tests/reports/login-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-60}
port=${PORT:-18081}
db=carcosa_bench_login
work=load-tests/work
mkdir -p "$work" load-tests/reports
command -v argon2 > /dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq argon2 > /dev/null; }

# The same package set as presign.sh, so both share one release build (features unify the same way).
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load
carcosa=target/release/carcosa
. load-tests/bench-setup.sh
bench_setup "$db" files:read
password='correct horse battery staple'
echo "$password" | $carcosa admin user add bench@example.com --password-stdin --json > /dev/null

CARCOSA_HTTP__BIND=127.0.0.1:$port CARCOSA_RATE_LIMITS__LOGIN_PER_15MIN=1000000 \
  CARCOSA_RATE_LIMITS__TIERS__STANDARD=1000000 $carcosa serve &
serve=$!
trap 'kill $serve 2> /dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done

body="{\"email\":\"bench@example.com\",\"password\":\"$password\"}"
login() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'content-type: application/json' -d "$body" "http://127.0.0.1:$port/v1/auth/login"; }
for _ in 1 2 3; do login > /dev/null; done
seq_out=$work/login-seq.txt; : > "$seq_out"
for _ in $(seq 1 "$n"); do login >> "$seq_out"; done
conc_out=$work/login-conc.txt; : > "$conc_out"
start=$(date +%s.%N)
for _ in $(seq 1 8); do (for _ in $(seq 1 $((n / 2))); do login; done >> "$conc_out") & done
wait_jobs() { for j in $(jobs -p); do [ "$j" = "$serve" ] || wait "$j"; done; }
wait_jobs
elapsed=$(python3 -c "import time; print(time.time() - $start)")

ref_out=$work/argon2-ref.txt; : > "$ref_out"
for _ in $(seq 1 "$n"); do
  s=$(date +%s%N); echo -n "$password" | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -r > /dev/null; e=$(date +%s%N)
  echo "200 $(python3 -c "print(($e - $s) / 1e9)")" >> "$ref_out"
done

report="load-tests/reports/login-$(date -u +%Y-%m-%d).md"
python3 - "$seq_out" "$conc_out" "$ref_out" "$elapsed" "$n" > "$report" <<'PY'
import statistics, subprocess, sys
def load(p):
    rows = [l.split() for l in open(p) if l.strip()]
    return [r[0] for r in rows], sorted(float(r[1]) * 1000 for r in rows)
pct = lambda xs, p: xs[min(int(len(xs) * p), len(xs) - 1)]
sh = lambda c: subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
seq_codes, seq = load(sys.argv[1]); conc_codes, conc = load(sys.argv[2]); _, ref = load(sys.argv[3])
elapsed = float(sys.argv[4])
print("# Login latency with Argon2id\n")
print(f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%MZ')}; commit {sh('git rev-parse --short HEAD')}; {sh('nproc')} cores")
print("- `POST /v1/auth/login` on `carcosa serve` (release), curl per request over loopback; the server verifies an Argon2id hash "
      "(m=19456 KiB, t=2, p=1: the `argon2` crate's defaults, OWASP's minimum), opens a session row and writes an audit row")
print("- peer: Debian's reference `argon2` command hashing the same password with the same parameters (one process per hash)\n")
print("| what | n | non-200 | p50 ms | p95 ms | p99 ms |")
print("|---|---:|---:|---:|---:|---:|")
for name, codes, xs in [("login, sequential", seq_codes, seq), ("login, 8 concurrent clients", conc_codes, conc), ("reference argon2 hash (CLI)", [], ref)]:
    bad = sum(1 for c in codes if c != "200")
    print(f"| {name} | {len(xs)} | {bad if codes else '–'} | {pct(xs,.5):.1f} | {pct(xs,.95):.1f} | {pct(xs,.99):.1f} |")
print(f"\n**Sequential login p50 / reference hash p50:** {statistics.median(seq) / statistics.median(ref):.2f}. "
      f"Concurrent throughput: {len(conc) / elapsed:.1f} logins/s on this machine "
      f"(at most `auth.max_concurrent_hashes` = 4 hashes at once per process; the rest queue).")
PY
cat "$report"
