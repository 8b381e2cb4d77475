#!/usr/bin/env bash
# Starts a fresh Berth (target/debug/berth, the demo cluster, on a free loopback port)
# as kind's cluster is set up: HTTPS with a CA of its own, the administrator signed in by
# a client certificate (conformance/pki.sh), a kubeconfig as kind writes it. Runs kr8s'
# suite against it, and stops it.
#   conformance/against-berth.sh          the whole suite (`make conformance`)
#   conformance/against-berth.sh --quick  the tests quick.txt names (`make test`)
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
root=$here/..
port=$("$root/tools/venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pki=$(mktemp -d)
log=$pki/berth.log
"$here/pki.sh" "$pki" || exit 1
BERTH_DEMO=1 "$root/target/debug/berth" --addr "127.0.0.1:$port" --auth token \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --client-ca-file "$pki/ca.crt" >"$log" 2>&1 &
berth=$!
trap 'kill $berth 2>/dev/null; rm -rf "$pki"' EXIT
for _ in $(seq 1 600); do
  curl -sf --cacert "$pki/ca.crt" "https://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $berth 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
data() { base64 -w0 "$pki/$1"; }
cat >"$pki/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: kind-berth
  cluster:
    certificate-authority-data: $(data ca.crt)
    server: https://127.0.0.1:$port
contexts:
- name: kind-berth
  context: {cluster: kind-berth, user: kind-berth, namespace: default}
current-context: kind-berth
users:
- name: kind-berth
  user:
    client-certificate-data: $(data admin.crt)
    client-key-data: $(data admin.key)
KC
tests=()
if [[ ${1:-} == --quick ]]; then
  mapfile -t tests < <(grep -v '^#' "$here/quick.txt" | cut -f1 | grep .)
fi
KR8S_KUBECONFIG=$pki/kubeconfig "$here/kr8s.sh" "https://127.0.0.1:$port" "${tests[@]}"
