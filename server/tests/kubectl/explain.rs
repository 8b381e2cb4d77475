//! `kubectl explain` over the OpenAPI v3 documents generated from the served types,
//! strict validation still rejecting unknown fields, and `--chunk-size` paging.

use crate::common::kubectl::Kubectl;
use crate::rows;

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
    let all = k.until(&["get", "pods", "--no-headers"], crate::SETTLE, |out| {
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
