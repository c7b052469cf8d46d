#!/usr/bin/env bash
# Dependency hygiene, with tools installed from crates.io into ~/.cargo/bin on first use:
#
# * cargo-machete fails when a crate declares a dependency it does not use, so build time and
#   attack surface only grow with code that needs them;
# * cargo-deny (deny.toml) fails on a dependency whose license is not on the allowed list, a
#   wildcard version, or a crate from anywhere but crates.io. Its advisory check is not run: the
#   advisory database is fetched from GitHub, which CI cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-machete > /dev/null 2>&1; then
  echo "check-deps: installing cargo-machete" >&2
  cargo install --locked --quiet cargo-machete@0.9.1
fi
cargo machete
if ! command -v cargo-deny > /dev/null 2>&1; then
  echo "check-deps: installing cargo-deny" >&2
  cargo install --locked --quiet cargo-deny@0.20.2
fi
# cargo-deny reads the metadata of every crate in Cargo.lock, for every platform; a fresh machine
# has only downloaded the ones this platform builds, so fetch the rest first.
cargo fetch --locked --quiet
cargo deny --offline --log-level error check licenses bans sources
