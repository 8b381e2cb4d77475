#!/usr/bin/env bash
# The API under load (called by `make bench`): a release `berth` with an empty cluster
# on a free loopback port, 1,000 pods created through the API, then GET one pod, LIST
# the 1,000 and a 1,000-watcher fan-out, measured by server/examples/load.rs.
# Prints one line: get_p99_ms=.. get_rps=.. list1k_p99_ms=.. watch1k_p99_ms=..
set -euo pipefail
cd "$(dirname "$0")/.."

# Always through cargo: a `berth` left from an older build would measure old code.
# leptos reads LEPTOS_OUTPUT_NAME at compile time, and the features are `make
# release`'s: these builds reuse its server instead of building another (one without
# its pages, in its place).
export LEPTOS_OUTPUT_NAME=berth
cargo build --release --quiet -p server --no-default-features --features ssr --bin berth
cargo build --release --quiet -p server --no-default-features --features ssr --example load

# 1,000 watchers: one socket each, on both ends.
ulimit -n 20000 2>/dev/null || true

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The load is about the API, not sign-in: nobody signs in (loopback only).
LEPTOS_SITE_ADDR="127.0.0.1:$port" BERTH_DEMO=0 BERTH_AUTH=none RUST_LOG=warn target/release/berth &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/version" >/dev/null && break
	sleep 0.1
done

target/release/examples/load "127.0.0.1:$port"
