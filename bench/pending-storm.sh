#!/usr/bin/env bash
# A storm of pods that cannot all fit (called by `make bench`): a release `berth` with
# the demo cluster, 20,000 bare pods created by 16 clients while another GETs one
# Deployment, measured by server/examples/pending_storm.rs.
# Prints one line: storm_pods_per_s=.. storm_get_p99_ms=.. storm_seconds=..
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve.sh

serve_berth pending_storm 1
target/release/examples/pending_storm "127.0.0.1:$port"
