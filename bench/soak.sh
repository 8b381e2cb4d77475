#!/usr/bin/env bash
# The API over a long run (called by `make bench`): a release `berth` with an empty
# cluster, 1,000 watchers and 500 writes a second for SOAK_SECONDS (600 by default),
# measured by server/examples/soak.rs. Prints one line: soak_writes=..
# soak_writes_per_s=.. soak_events=.. soak_lost=.. soak_out_of_order=..
# soak_rss_idle_mb=.. soak_rss_start_mb=.. soak_rss_end_mb=.. soak_rss_growth_pct=..
# soak_rss_each_minute_mb=..,.. (start: after a 30 s warm-up, see server/examples/soak.rs)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve.sh

# 1,000 watchers: one socket each, on both ends.
ulimit -n 20000 2>/dev/null || true
serve_berth soak 0
target/release/examples/soak "127.0.0.1:$port" "$server" "${SOAK_SECONDS:-600}"
