//! `kubectl explain` over the OpenAPI v3 documents generated from the served types and
//! over the v2 document made from them (client-go's protobuf), strict validation still
//! rejecting unknown fields, and `--chunk-size` paging.

use crate::common::kubectl::Kubectl;
use crate::kubectl::{rows, SETTLE};

#[test]
fn explain_reads_the_generated_schemas() {
    let k = Kubectl::start();
    let strategy = k.ok(&["explain", "deployment.spec.strategy"]);
    assert!(strategy.contains("GROUP:      apps"), "{strategy}");
    assert!(strategy.contains("KIND:       Deployment"), "{strategy}");
    assert!(
        strategy.contains("FIELD: strategy <DeploymentStrategy>"),
        "{strategy}"
    );
    assert!(
        strategy.contains("DeploymentStrategy describes how to replace existing pods"),
        "upstream's descriptions: {strategy}"
    );
    assert!(
        strategy.contains("rollingUpdate\t<RollingUpdateDeployment>"),
        "{strategy}"
    );

    let pods = k.ok(&["explain", "pods", "--recursive"]);
    let head: Vec<&str> = pods.lines().take(6).collect();
    assert_eq!(head[0], "KIND:       Pod", "{pods}");
    assert_eq!(head[1], "VERSION:    v1", "{pods}");
    assert!(
        pods.contains("containers\t<[]Container> -required-"),
        "{pods}"
    );
    assert!(pods.contains("nodeName\t<string>"), "{pods}");
}

#[test]
fn explain_reads_the_openapi_v2_document() {
    let k = Kubectl::start();
    let v2 = ["--output", "plaintext-openapiv2"];
    // kube-openapi finds the kind by its `x-kubernetes-group-version-kind`, and follows
    // `$ref`s (with their own descriptions) down to the field.
    let strategy = k.ok(&[&["explain", "deployment.spec.strategy"][..], &v2].concat());
    let head: Vec<&str> = strategy.lines().take(4).collect();
    assert_eq!(head[0], "KIND:     Deployment", "{strategy}");
    assert_eq!(head[1], "VERSION:  apps/v1", "{strategy}");
    assert_eq!(head[3], "RESOURCE: strategy <Object>", "{strategy}");
    assert!(
        strategy.contains("The deployment strategy to use to replace existing pods"),
        "the field's own description: {strategy}"
    );
    assert!(
        strategy.contains("DeploymentStrategy describes how to replace existing pods"),
        "upstream's description of the type: {strategy}"
    );
    assert!(strategy.contains("rollingUpdate\t<Object>"), "{strategy}");
    assert!(strategy.contains("type\t<string>"), "{strategy}");

    let surge = k.ok(&[
        &["explain", "deployment.spec.strategy.rollingUpdate.maxSurge"][..],
        &v2,
    ]
    .concat());
    assert!(
        surge.contains("FIELD:    maxSurge <string>"),
        "IntOrString as upstream's v2 has it: {surge}"
    );

    let pods = k.ok(&[&["explain", "pods"][..], &v2].concat());
    let head: Vec<&str> = pods.lines().take(2).collect();
    assert_eq!(head, ["KIND:     Pod", "VERSION:  v1"], "{pods}");
    assert!(pods.contains("FIELDS:"), "{pods}");
    assert!(pods.contains("spec\t<Object>"), "{pods}");
    assert!(
        pods.contains("Pod is a collection of containers that can run on a host."),
        "{pods}"
    );

    let containers = k.ok(&[&["explain", "pods.spec.containers"][..], &v2].concat());
    assert!(
        containers.contains("RESOURCE: containers <[]Object>"),
        "{containers}"
    );
    assert!(
        containers.contains("name\t<string> -required-"),
        "{containers}"
    );
    assert!(containers.contains("ports\t<[]Object>"), "{containers}");
    let recursive = k.ok(&[&["explain", "pods.spec.containers", "--recursive"][..], &v2].concat());
    assert!(
        recursive.contains("containerPort\t<integer>"),
        "{recursive}"
    );
}

#[test]
fn strict_validation_rejects_unknown_fields() {
    let k = Kubectl::start();
    let manifest = k.file(
        "bad.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: 1\n  \
         bogus: true\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      \
         labels: {app: bad}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
    );
    let path = manifest.to_str().expect("a path");
    let run = k.run(&["apply", "--validate=strict", "-f", path]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("strict decoding error: unknown field \"spec.bogus\""),
        "{}",
        run.stderr
    );
}

#[test]
fn chunked_gets_walk_every_page() {
    let k = Kubectl::start();
    k.ok(&["scale", "deployment/nginx-demo", "--replicas=5"]);
    let all = k.until(&["get", "pods", "--no-headers"], SETTLE, |out| {
        out.lines().count() == 5
    });
    let run = k.run(&["get", "pods", "--chunk-size=2", "-v=6"]);
    let pages = run.stderr.lines().filter(|l| l.contains("limit=2")).count();
    assert_eq!(pages, 3, "three pages of two: {}", run.stderr);
    assert!(run.stderr.contains("continue="), "{}", run.stderr);
    let chunked = run.out();
    let names = |table: &str| -> Vec<String> {
        table
            .lines()
            .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
            .filter(|n| n.starts_with("nginx-demo-"))
            .collect()
    };
    assert_eq!(names(&chunked), names(&all));
    assert_eq!(
        rows(&chunked).len(),
        5,
        "one header for all pages: {chunked}"
    );
}
