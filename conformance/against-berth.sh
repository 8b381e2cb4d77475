#!/usr/bin/env bash
# Starts a fresh Berth (target/debug/berth, the demo cluster, --auth none on a free
# loopback port), runs kr8s' suite against it, and stops it.
#   conformance/against-berth.sh          the whole suite (`make conformance`)
#   conformance/against-berth.sh --quick  the tests quick.txt names (`make test`)
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$here/..
port=$("$root/tools/venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
BERTH_AUTH=none BERTH_DEMO=1 "$root/target/debug/berth" --addr "127.0.0.1:$port" >"$log" 2>&1 &
berth=$!
trap 'kill $berth 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $berth 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
tests=()
if [[ ${1:-} == --quick ]]; then
  mapfile -t tests < <(grep -v '^#' "$here/quick.txt" | cut -f1 | grep .)
fi
"$here/kr8s.sh" "http://127.0.0.1:$port" "${tests[@]}"
