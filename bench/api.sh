#!/usr/bin/env bash
# The API under load (called by `make bench`): a release `berth` with an empty cluster
# on a free loopback port, 1,000 pods created through the API, then GET one pod, LIST
# the 1,000 and a 1,000-watcher fan-out, measured by server/examples/load.rs.
# Prints one line: get_p99_ms=.. get_rps=.. list1k_p99_ms=.. watch1k_p99_ms=..
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve.sh

# 1,000 watchers: one socket each, on both ends.
ulimit -n 20000 2>/dev/null || true
serve_berth load 0
target/release/examples/load "127.0.0.1:$port"
