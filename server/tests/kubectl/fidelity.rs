//! What clients Berth did not write expect of any cluster, through kubectl: the system
//! namespaces and their cluster DNS, nodes that say what they run, Ingresses and
//! NetworkPolicies stored and printed, a Secret's wrapped base64 read as Go reads it,
//! a pod without a container name refused at the field; and kubectl's everyday commands
//! beyond get and apply (events, diff, apply --prune, wait --for=delete).

use super::common::kubectl::Kubectl;
use super::{header, rows, SETTLE};

#[test]
fn the_cluster_has_its_system_namespaces_and_nodes_say_what_they_run() {
    let k = Kubectl::start();
    let namespaces = k.ok(&["get", "namespaces", "-o", "name"]);
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
        assert!(
            namespaces.contains(&format!("namespace/{ns}")),
            "{namespaces}"
        );
    }
    let dns = k.until(
        &["get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-dns"],
        SETTLE,
        |out| rows(out).len() == 2 && rows(out).iter().all(|r| r[1] == "1/1"),
    );
    assert!(
        rows(&dns).iter().all(|r| r[0].starts_with("coredns-")),
        "{dns}"
    );
    let service = k.ok(&["get", "service", "kube-dns", "-n", "kube-system"]);
    assert!(service.contains("10.96.0.10"), "{service}");
    let nodes = k.ok(&["get", "nodes", "-o", "wide"]);
    let first = &rows(&nodes)[0];
    let version = header(&nodes)
        .iter()
        .position(|c| *c == "VERSION")
        .expect("VERSION");
    assert_eq!(first[version], "v1.32.0", "{nodes}");
    assert!(
        nodes.contains("Ubuntu 24.04.1 LTS") && nodes.contains("containerd://"),
        "{nodes}"
    );
    let labels = k.ok(&["get", "node", "node-1", "-o", "jsonpath={.metadata.labels}"]);
    assert!(
        labels.contains(r#""kubernetes.io/os":"linux""#)
            && labels.contains(r#""kubernetes.io/arch":"amd64""#),
        "{labels}"
    );
}

#[test]
fn ingresses_and_network_policies_are_stored_and_printed() {
    let k = Kubectl::start();
    let manifest = k.file(
        "networking.yaml",
        r#"
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-web}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
"#,
    );
    k.ok(&["apply", "-f", manifest.to_str().expect("path")]);
    let ingresses = k.ok(&["get", "ingress"]);
    assert_eq!(
        header(&ingresses),
        ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    );
    assert_eq!(
        rows(&ingresses)[0][..4],
        ["shop", "nginx", "shop.example.com", "80"]
    );
    // `kubectl create ingress` sends protobuf, its rules' `http` written inline.
    k.ok(&[
        "create",
        "ingress",
        "docs",
        "--class=nginx",
        "--rule=docs.example.com/api*=docs-api:8080,tls=docs-cert",
    ]);
    let created = k.ok(&[
        "get",
        "ingress",
        "docs",
        "-o",
        "jsonpath={.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].backend.service.name}:{.spec.rules[0].http.paths[0].backend.service.port.number} {.spec.tls[0].secretName}",
    ]);
    assert_eq!(created, "Prefix docs-api:8080 docs-cert");
    let policies = k.ok(&["get", "netpol"]);
    assert_eq!(header(&policies), ["NAME", "POD-SELECTOR", "AGE"]);
    assert_eq!(rows(&policies)[0][..2], ["only-web", "app=web"]);
    let none = k.run(&["get", "csr,csistoragecapacities"]);
    assert!(
        none.ok && none.stderr.contains("No resources found"),
        "{}",
        none.stderr
    );
}

#[test]
fn a_secrets_wrapped_base64_is_read_and_a_nameless_container_refused() {
    let k = Kubectl::start();
    // A YAML block scalar wraps the value over lines, as the documentation's TLS Secret.
    let secret = k.file(
        "secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: wrapped}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: |\n    aGVsbG8g\n    d29ybGQ=\n  tls.key: aGk=\n",
    );
    k.ok(&["create", "-f", secret.to_str().expect("path")]);
    let data = k.ok(&[
        "get",
        "secret",
        "wrapped",
        "-o",
        "jsonpath={.data.tls\\.crt}",
    ]);
    assert_eq!(data, "aGVsbG8gd29ybGQ=");

    let pod = k.file(
        "pod.json",
        r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nameless"},
            "spec": {"containers": [{"image": "gcr.io/google_containers/pause"}]}}"#,
    );
    let refused = k.run(&["create", "-f", pod.to_str().expect("path")]);
    assert!(
        !refused.ok
            && refused
                .stderr
                .contains("spec.containers[0].name: Required value"),
        "{}",
        refused.stderr
    );
    assert!(!k.run(&["get", "pod", "nameless"]).ok, "nothing stored");
}

#[test]
fn events_diff_prune_and_wait_for_delete_work_as_on_a_cluster() {
    let k = Kubectl::start();
    let events = k.until(
        &["events", "--for", "deployment/nginx-demo"],
        SETTLE,
        |out| out.contains("ScalingReplicaSet"),
    );
    assert_eq!(header(&events)[..3], ["LAST", "SEEN", "TYPE"], "{events}");

    let live = k.ok(&["get", "deployment", "nginx-demo", "-o", "yaml"]);
    let changed = k.file("scaled.yaml", &live.replace("replicas: 3", "replicas: 4"));
    let diff = k.run(&["diff", "-f", changed.to_str().expect("path")]);
    assert!(
        diff.stdout.contains("-  replicas: 3") && diff.stdout.contains("+  replicas: 4"),
        "{}",
        diff.stdout
    );

    let both = k.file(
        "both.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {set: demo}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {set: demo}}\n",
    );
    k.ok(&["apply", "-f", both.to_str().expect("path")]);
    let one = k.file(
        "one.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {set: demo}}\ndata: {k: v}\n",
    );
    let pruned = k.ok(&[
        "apply",
        "-f",
        one.to_str().expect("path"),
        "--prune",
        "-l",
        "set=demo",
        "--prune-allowlist=core/v1/ConfigMap",
    ]);
    assert!(pruned.contains("configmap/b pruned"), "{pruned}");
    assert_eq!(
        rows(&k.ok(&["get", "configmaps", "-l", "set=demo"])).len(),
        1
    );

    k.ok(&["create", "configmap", "doomed"]);
    k.ok(&["delete", "configmap", "doomed", "--wait=false"]);
    k.ok(&["wait", "--for=delete", "configmap/doomed", "--timeout=30s"]);

    // A trailing slash is the path without it; a new Service is answered with its status.
    let listed = k.ok(&["get", "--raw", "/api/v1/namespaces/default/configmaps/"]);
    assert!(listed.contains("\"kind\":\"ConfigMapList\""), "{listed}");
    let service = k.file(
        "service.json",
        r#"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "plain"},
            "spec": {"selector": {"app": "x"}, "ports": [{"port": 80}]}}"#,
    );
    let created = k.ok(&[
        "create",
        "-f",
        service.to_str().expect("path"),
        "-o",
        "jsonpath={.status}",
    ]);
    assert_eq!(created, r#"{"loadBalancer":{}}"#);
}
