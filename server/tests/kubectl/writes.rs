//! Writing through kubectl: apply, scale, delete, label, annotate, rollouts, and the
//! errors kubectl shows for the server's refusals.

use crate::common::kubectl::Kubectl;
use crate::kubectl::{header, rows, SETTLE};

/// `shop`: a Deployment of `replicas` pods running `image`, and its Service.
pub fn manifest(image: &str, replicas: u32) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels: {{app: shop}}
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app: shop}}
  template:
    metadata:
      labels: {{app: shop}}
    spec:
      containers:
      - name: web
        image: {image}
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector: {{app: shop}}
  ports:
  - port: 80
    targetPort: 80
"
    )
}

#[test]
fn apply_creates_then_rolls_out_a_new_image() {
    let k = Kubectl::start();
    let path = k.file("shop.yaml", &manifest("nginx:1.26", 2));
    let path = path.to_str().expect("a UTF-8 path");
    let created = k.ok(&["apply", "-f", path]);
    assert_eq!(
        created,
        "deployment.apps/shop created\nservice/shop created\n"
    );
    let status = k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);
    assert!(status.contains("successfully rolled out"), "{status}");

    std::fs::write(path, manifest("nginx:1.27", 2)).expect("the new manifest");
    let configured = k.ok(&["apply", "-f", path]);
    assert_eq!(
        configured,
        "deployment.apps/shop configured\nservice/shop unchanged\n"
    );
    let status = k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);
    assert!(status.contains("successfully rolled out"), "{status}");
    assert_eq!(
        replica_sets(&k),
        ["nginx:1.26=0", "nginx:1.27=2"],
        "a new ReplicaSet took over"
    );
    // The old pods terminate after the rollout is done (as upstream's do).
    let images = "jsonpath={.items[*].spec.containers[0].image}";
    k.until(
        &["get", "pods", "-l", "app=shop", "-o", images],
        SETTLE,
        |o| o.split_whitespace().collect::<Vec<_>>() == ["nginx:1.27"; 2],
    );
    let service = k.ok(&["get", "svc", "shop"]);
    assert_eq!(
        header(&service),
        [
            "NAME",
            "TYPE",
            "CLUSTER-IP",
            "EXTERNAL-IP",
            "PORT(S)",
            "AGE"
        ]
    );
    assert_eq!(rows(&service)[0][1], "ClusterIP");
    assert_eq!(rows(&service)[0][4], "80/TCP");

    // kubectl's typed code sends the old template back (with Go's `resources: {}`):
    // the first ReplicaSet takes over again, no third one appears.
    let undone = k.ok(&["rollout", "undo", "deployment/shop"]);
    assert_eq!(
        undone,
        "deployment.apps/shop rolled back
"
    );
    k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);
    assert_eq!(replica_sets(&k), ["nginx:1.26=2", "nginx:1.27=0"]);
}

/// Each of `shop`'s ReplicaSets as `image=replicas`, sorted.
pub fn replica_sets(k: &Kubectl) -> Vec<String> {
    let sets = k.ok(&[
        "get", "rs", "-l", "app=shop", "-o",
        "jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.status.replicas} {end}",
    ]);
    let mut sets: Vec<String> = sets.split_whitespace().map(str::to_owned).collect();
    sets.sort();
    sets
}

#[test]
fn scale_and_delete_a_pod() {
    let k = Kubectl::start();
    let scaled = k.ok(&["scale", "deployment", "nginx-demo", "--replicas=5"]);
    assert_eq!(scaled, "deployment.apps/nginx-demo scaled\n");
    let ready = "jsonpath={.status.readyReplicas}";
    k.until(&["get", "deploy", "nginx-demo", "-o", ready], SETTLE, |o| {
        o == "5"
    });

    let names = "jsonpath={.items[*].metadata.name}";
    let before = k.ok(&["get", "pods", "-l", "app=nginx-demo", "-o", names]);
    let victim = before.split_whitespace().next().expect("a pod").to_owned();
    let deleted = k.ok(&["delete", "pod", &victim]);
    assert_eq!(deleted, format!("pod \"{victim}\" deleted\n"));
    let after = k.until(
        &["get", "pods", "-l", "app=nginx-demo", "-o", names],
        SETTLE,
        |o| {
            let names: Vec<&str> = o.split_whitespace().collect();
            names.len() == 5 && !names.contains(&victim.as_str())
        },
    );
    assert!(
        after.split_whitespace().any(|n| !before.contains(n)),
        "a replacement"
    );

    let scale = k.ok(&[
        "get",
        "--raw",
        "/apis/apps/v1/namespaces/default/deployments/nginx-demo/scale",
    ]);
    let scale: serde_json::Value = serde_json::from_str(&scale).expect("a Scale");
    assert_eq!(scale["kind"], "Scale");
    assert_eq!(scale["spec"]["replicas"], 5);
    assert_eq!(scale["status"]["selector"], "app=nginx-demo");
}

#[test]
fn label_annotate_and_restart() {
    let k = Kubectl::start();
    let deploy = "deployment/nginx-demo";
    assert_eq!(
        k.ok(&["label", deploy, "tier=web"]),
        "deployment.apps/nginx-demo labeled\n"
    );
    assert_eq!(
        k.ok(&["annotate", deploy, "note=hello"]),
        "deployment.apps/nginx-demo annotated\n"
    );
    let meta = k.ok(&[
        "get",
        deploy,
        "-o",
        "jsonpath={.metadata.labels.tier} {.metadata.annotations.note}",
    ]);
    assert_eq!(meta, "web hello");
    assert_eq!(
        k.ok(&["label", deploy, "tier-"]),
        "deployment.apps/nginx-demo unlabeled\n"
    );

    k.ok(&["rollout", "status", deploy, "--timeout=45s"]);
    assert_eq!(
        k.ok(&["rollout", "restart", deploy]),
        "deployment.apps/nginx-demo restarted\n"
    );
    let status = k.ok(&["rollout", "status", deploy, "--timeout=45s"]);
    assert!(status.contains("successfully rolled out"), "{status}");
    let restarted = k.ok(&[
        "get",
        deploy,
        "-o",
        "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}",
    ]);
    assert!(!restarted.is_empty(), "the restart annotation is set");
    let sets = k.ok(&["get", "rs", "-l", "app=nginx-demo", "-o", "name"]);
    assert_eq!(sets.lines().count(), 2, "a new ReplicaSet: {sets}");
}

#[test]
fn errors_read_as_upstreams() {
    let k = Kubectl::start();
    let missing = k.run(&["get", "deployment", "nope"]);
    assert!(!missing.ok);
    assert_eq!(
        missing.stderr.trim(),
        "Error from server (NotFound): deployments.apps \"nope\" not found"
    );

    let bad = manifest("nginx:1.27", 1).replace("containerPort: 80", "containerPort: 70000");
    let path = k.file("bad.yaml", &bad);
    let invalid = k.run(&["apply", "-f", path.to_str().expect("a UTF-8 path")]);
    assert!(!invalid.ok);
    assert!(
        invalid
            .stderr
            .contains("The Deployment \"shop\" is invalid"),
        "{}",
        invalid.stderr
    );
    assert!(invalid
        .stderr
        .contains("spec.template.spec.containers[0].ports[0].containerPort"));

    let typo = manifest("nginx:1.27", 1).replace("  replicas: 1", "  replicaz: 1");
    let path = k.file("typo.yaml", &typo);
    let strict = k.run(&["apply", "-f", path.to_str().expect("a UTF-8 path")]);
    assert!(!strict.ok);
    assert!(
        strict
            .stderr
            .contains("strict decoding error: unknown field \"spec.replicaz\""),
        "{}",
        strict.stderr
    );
    assert!(!k.ok(&["get", "deployments", "-o", "name"]).contains("shop"));
}

#[test]
fn delete_cascades_in_the_foreground_or_orphans() {
    let k = Kubectl::start();
    let path = k.file("shop.yaml", &manifest("nginx:1.27", 2));
    k.ok(&["apply", "-f", path.to_str().expect("a UTF-8 path")]);
    k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);

    // kubectl waits until the Deployment is gone, which is after its pods.
    let deleted = k.ok(&[
        "delete",
        "deploy",
        "shop",
        "--cascade=foreground",
        "--timeout=45s",
    ]);
    assert_eq!(deleted, "deployment.apps \"shop\" deleted\n");
    let left = k.ok(&["get", "rs,pods", "-l", "app=shop", "-o", "name"]);
    assert_eq!(left, "", "nothing of shop is left");

    let deleted = k.ok(&["delete", "deploy", "nginx-demo", "--cascade=orphan"]);
    assert_eq!(deleted, "deployment.apps \"nginx-demo\" deleted\n");
    let owners = "jsonpath={.items[*].metadata.ownerReferences}";
    assert_eq!(
        k.ok(&["get", "rs", "-l", "app=nginx-demo", "-o", owners]),
        ""
    );
    let pods = k.ok(&["get", "pods", "-l", "app=nginx-demo", "-o", "name"]);
    assert_eq!(pods.lines().count(), 3, "{pods}");
}
