#!/usr/bin/env bash
# kr8s' own test suite (shipped in kr8s' PyPI wheel) against the Kubernetes API at URL:
# a client Berth did not write. Adapted from the team's shared runner: the plugins
# beside it stand in for the suite's kind-cluster fixture, skip.txt names the tests
# not run and why, and the Python packages live in tools/venv (`make setup-test`).
#   conformance/kr8s.sh URL [nodeid...]   (no nodeid: the whole suite)
# env: BERTH_TOKEN (bearer token sent, default "dev"), or KR8S_KUBECONFIG (a kubeconfig
#      used as it is instead), TEST_TIMEOUT (seconds per test,
#      default 90). Prints the suite's summary, then "N passed, N failed, N skipped";
#      exits 0 only if none failed.
set -uo pipefail
url=${1:?usage: conformance/kr8s.sh URL [nodeid...]}; shift
here=$(dirname "$(readlink -f "$0")")
python=$here/../tools/venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sp=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
export KUBECONFIG=$work/kubeconfig HOME=$work/home
mkdir -p "$HOME"
tls=""; [[ $url == https:* ]] && tls="    insecure-skip-tls-verify: true"
if [[ -n ${KR8S_KUBECONFIG:-} ]]; then
  # A kubeconfig as kind writes it (a CA, a client certificate), for the tests that read one.
  cp "$KR8S_KUBECONFIG" "$KUBECONFIG"
else
cat >"$KUBECONFIG" <<KC
apiVersion: v1
kind: Config
clusters:
- name: target
  cluster:
    server: $url
$tls
contexts:
- name: target
  context: {cluster: target, user: tester, namespace: default}
current-context: target
users:
- name: tester
  user: {token: ${BERTH_TOKEN:-dev}}
KC
fi
unset KUBERNETES_SERVICE_HOST KUBERNETES_SERVICE_PORT
export PYTHONPATH=$here${PYTHONPATH:+:$PYTHONPATH} PEER_DESELECT_FILE=$here/skip.txt
tests=("$@"); [[ ${#tests[@]} -eq 0 ]] && tests=(kr8s/tests)
cd "$sp" && "$python" -m pytest "${tests[@]}" -p no:cacheprovider -p peer_deselect -p peer_kr8s \
  -o asyncio_mode=auto -o asyncio_default_fixture_loop_scope=function -o xfail_strict=true \
  --timeout="${TEST_TIMEOUT:-90}" --timeout-method=signal -q -rfEs --junitxml="$work/kr8s.xml" \
  | tail -40
"$python" - "$work/kr8s.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
c = {"passed": 0, "failed": 0, "skipped": 0}
for tc in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    kids = {k.tag for k in tc}
    c["failed" if kids & {"failure", "error"} else "skipped" if "skipped" in kids else "passed"] += 1
print(f"{c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped")
sys.exit(1 if c["failed"] else 0)
PY
