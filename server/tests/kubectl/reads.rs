//! Reading through kubectl: discovery, tables (plain, wide, with labels), YAML, and a
//! watch printing rows as they change.

use crate::common::kubectl::Kubectl;
use crate::{header, rows, SETTLE};

#[test]
fn version_and_api_resources_come_from_discovery() {
    let k = Kubectl::start();
    let version = k.ok(&["version", "-o", "json"]);
    let version: serde_json::Value = serde_json::from_str(&version).expect("json");
    assert_eq!(version["serverVersion"]["gitVersion"], "v1.32.0-berth");
    assert_eq!(version["serverVersion"]["minor"], "32");

    let resources = k.ok(&["api-resources"]);
    assert_eq!(
        header(&resources),
        ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    );
    let rows = rows(&resources);
    for expected in [
        ["deployments", "deploy", "apps/v1", "true", "Deployment"],
        ["pods", "po", "v1", "true", "Pod"],
        ["nodes", "no", "v1", "false", "Node"],
        ["services", "svc", "v1", "true", "Service"],
    ] {
        assert!(
            rows.iter().any(|r| r == &expected),
            "{expected:?} in\n{resources}"
        );
    }
    assert!(rows
        .iter()
        .any(|r| r[..] == ["secrets", "v1", "true", "Secret"]));
    let apps = k.ok(&["api-resources", "--api-group=apps", "-o", "name"]);
    assert_eq!(
        apps.lines().collect::<Vec<_>>(),
        [
            "controllerrevisions.apps",
            "daemonsets.apps",
            "deployments.apps",
            "replicasets.apps",
            "statefulsets.apps"
        ]
    );
}

#[test]
fn get_prints_upstreams_columns() {
    let k = Kubectl::start();
    k.ok(&[
        "wait",
        "--for=condition=Available",
        "deployment/nginx-demo",
        "--timeout=45s",
    ]);
    let pods = k.until(&["get", "pods"], SETTLE, |out| {
        rows(out).len() == 3 && rows(out).iter().all(|r| r[1..4] == ["1/1", "Running", "0"])
    });
    assert_eq!(
        header(&pods),
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    );
    assert!(rows(&pods).iter().all(|r| r[0].starts_with("nginx-demo-")));
    // The simulated nginx writes its startup notices to the container's log.
    let first = rows(&pods)[0][0].clone();
    let log = k.ok(&["logs", &first]);
    assert!(log.contains("nginx"), "{log}");
    let wrong = k.run(&["logs", &first, "-c", "nope"]);
    assert!(
        !wrong.ok && wrong.stderr.contains("not valid for pod"),
        "{wrong:?}"
    );

    let wide = k.ok(&["get", "pods", "-o", "wide"]);
    assert_eq!(
        header(&wide),
        [
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE",
            "IP",
            "NODE",
            "NOMINATED",
            "NODE",
            "READINESS",
            "GATES"
        ]
    );
    for row in rows(&wide) {
        assert!(row[5].starts_with("10.244."), "a pod IP: {row:?}");
        assert!(row[6].starts_with("node-"), "a node: {row:?}");
        assert_eq!(row[7..], ["<none>", "<none>"]);
    }

    let yaml = k.ok(&["get", "pods", "-o", "yaml"]);
    assert!(yaml.starts_with("apiVersion: v1\nitems:"), "{yaml}");
    assert!(yaml.contains("image: nginx:1.27"));

    let deployment = k.ok(&["get", "deploy", "nginx-demo", "-o", "wide"]);
    assert_eq!(
        header(&deployment),
        [
            "NAME",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE",
            "AGE",
            "CONTAINERS",
            "IMAGES",
            "SELECTOR"
        ]
    );
    let row = &rows(&deployment)[0];
    assert_eq!(row[..4], ["nginx-demo", "3/3", "3", "3"]);
    assert_eq!(row[5..], ["nginx", "nginx:1.27", "app=nginx-demo"]);

    let nodes = k.ok(&["get", "nodes", "--show-labels"]);
    assert_eq!(
        header(&nodes),
        ["NAME", "STATUS", "ROLES", "AGE", "VERSION", "LABELS"]
    );
    assert_eq!(rows(&nodes).len(), 3);
    assert!(nodes.contains("kubernetes.io/hostname=node-1"), "{nodes}");
    let namespaces = k.ok(&["get", "ns"]);
    assert!(rows(&namespaces)
        .iter()
        .any(|r| r[..2] == ["default", "Active"]));
    let sets = k.ok(&["get", "rs"]);
    assert_eq!(
        header(&sets),
        ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
    );
    assert_eq!(rows(&sets)[0][1..4], ["3", "3", "3"]);
}

#[test]
fn get_watch_prints_rows_as_they_change() {
    let k = Kubectl::start();
    k.ok(&[
        "rollout",
        "status",
        "deployment/nginx-demo",
        "--timeout=45s",
    ]);
    let watch = k.stream(&["get", "pods", "--watch", "--output-watch-events"]);
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let line = watch.line(SETTLE, |l| l.contains("nginx-demo-"));
        assert!(line.starts_with("ADDED"), "{line}");
        seen.push(
            line.split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned(),
        );
    }
    k.ok(&["scale", "deployment/nginx-demo", "--replicas=4"]);
    let added = watch.line(SETTLE, |l| {
        l.starts_with("ADDED") && !seen.iter().any(|name| l.contains(name.as_str()))
    });
    let name = added
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    assert!(added.contains("0/1"), "{added}");
    // The new pod's row changes until it is ready; kubectl prints each change.
    watch.line(SETTLE, |l| {
        l.starts_with("MODIFIED")
            && l.contains(name.as_str())
            && l.contains("1/1 ")
            && l.contains("Running")
    });
}
