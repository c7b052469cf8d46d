#!/usr/bin/env bash
# Preset benchmark against libvips, same invocation, one pinned core (see presets.py).
# Installs libvips (Debian) and pyvips (pip) if missing, builds carcosa-thumbs and carcosa-uploads
# in release (the latter makes the 2 MP photo), and writes load-tests/reports/presets-<date>.md.
#   load-tests/presets.sh [--passes 2] [--iterations 7]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import pyvips' 2> /dev/null; then
  dpkg -s libvips42 > /dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvips42; }
  python3 -m pip install -q --disable-pip-version-check pyvips
fi
SQLX_OFFLINE=true cargo build --release --locked -q -p carcosa -p carcosa-load  # the build the other benchmarks use
load=target/release/carcosa-uploads
. load-tests/bench-setup.sh
bench_photo
mkdir -p load-tests/reports
core=$(( $(nproc) - 1 ))
taskset -c "$core" python3 load-tests/presets.py --out "load-tests/reports/presets-$(date -u +%Y-%m-%d).md" "$@"
