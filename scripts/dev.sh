#!/usr/bin/env bash
# Runs Carcosa on its embedded defaults (`carcosa dev`): API, worker and an S3-compatible endpoint
# in one process, a demo project and key, and a copy-paste walkthrough.
#
#   scripts/dev.sh [carcosa dev flags]     e.g. --data-dir, --bind, --s3-bind
#
# Before compiling it checks what the build needs (a C compiler, and cmake + nasm for
# libjpeg-turbo) and what running needs (curl and jq for the walkthrough; PostgreSQL: the server
# on 127.0.0.1:5432, or its binaries so `carcosa dev` can start a private one in the data dir).
# As root with apt-get it installs what is missing; otherwise it prints the one command to run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prereqs.sh

if ! command -v cargo > /dev/null 2>&1; then
  echo "carcosa: needs a Rust toolchain (cargo): install it from your distribution or with rustup" >&2
  exit 1
fi
need cc:gcc cmake:cmake nasm:nasm curl:curl jq:jq
if ! (exec 3<> /dev/tcp/127.0.0.1/5432) 2> /dev/null && ! pg_bin_dir > /dev/null; then
  need initdb:postgresql
fi
install_needed "to build and run Carcosa"
exec cargo run --locked -p carcosa -- dev "$@"
