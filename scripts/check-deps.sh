#!/usr/bin/env bash
# Fails when a crate declares a dependency it does not use (cargo-machete, installed from
# crates.io into ~/.cargo/bin on first use). Keeps Cargo.toml files honest, so build time and
# attack surface only grow with code that needs them.
#
# cargo-deny (advisories, licenses) is not run: its advisory database is fetched from GitHub,
# which CI cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-machete > /dev/null 2>&1; then
  echo "check-deps: installing cargo-machete" >&2
  cargo install --locked --quiet cargo-machete@0.9.1
fi
cargo machete
