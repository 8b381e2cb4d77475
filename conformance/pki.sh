#!/usr/bin/env bash
# The certificates kind's kubeadm would make, with openssl, into DIR: a CA (ca.crt), the
# API server's certificate for 127.0.0.1 (apiserver.crt/.key) and the administrator's
# client certificate (admin.crt/.key: CN kubernetes-admin, O system:masters).
#   conformance/pki.sh DIR
set -euo pipefail
dir=${1:?usage: conformance/pki.sh DIR}
mkdir -p "$dir" && cd "$dir"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
key ca.key
openssl req -x509 -new -key ca.key -out ca.crt -days 2 -subj /CN=kubernetes \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
# sign NAME SUBJECT EXTENSIONS: NAME.crt for NAME.key, signed by the CA.
sign() {
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -out "$1.crt" -extfile <(printf '%s\n' "$3" 'authorityKeyIdentifier=keyid' \
      'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment') 2>/dev/null
  rm -f "$1.csr"
}
sign apiserver /CN=kube-apiserver 'subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth'
sign admin '/O=system:masters/CN=kubernetes-admin' 'extendedKeyUsage=clientAuth'
