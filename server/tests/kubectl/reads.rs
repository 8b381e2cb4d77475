//! Reading through kubectl: discovery, tables (plain, wide, with labels), YAML, and a
//! watch printing rows as they change.

use crate::common::kubectl::Kubectl;
use crate::kubectl::{header, rows, SETTLE};

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
    // `--timestamps`: each line starts with when it was written (RFC 3339, UTC).
    let timed = k.ok(&["logs", &first, "--timestamps"]);
    assert!(
        timed.lines().all(|l| l.len() > 20
            && l.as_bytes()[4] == b'-'
            && l.as_bytes()[10] == b'T'
            && l.split_once(' ').is_some_and(|(t, _)| t.ends_with('Z'))),
        "{timed}"
    );
    assert_eq!(timed.lines().count(), log.lines().count());
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
    // Three general-purpose nodes and two GPU nodes.
    assert_eq!(rows(&nodes).len(), 5);
    assert!(nodes.contains("kubernetes.io/hostname=node-1"), "{nodes}");
    assert!(nodes.contains("berth.dev/pod-type=gpu"), "{nodes}");
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
    demo_rolled_out(&k);
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

/// Waits until the demo Deployment's rollout is done.
fn demo_rolled_out(k: &Kubectl) {
    k.ok(&[
        "rollout",
        "status",
        "deployment/nginx-demo",
        "--timeout=45s",
    ]);
}

/// The part of `kubectl describe`'s output from its `Events:` section on.
fn events_section(describe: &str) -> &str {
    describe
        .split_once("\nEvents:")
        .map_or("", |(_, events)| events)
}

#[test]
fn describe_shows_the_objects_events_and_field_selectors_filter() {
    let k = Kubectl::start();
    demo_rolled_out(&k);
    let names = "jsonpath={.items[*].metadata.name}";
    let running = k.until(
        &[
            "get",
            "pods",
            "--field-selector",
            "status.phase=Running",
            "-o",
            names,
        ],
        SETTLE,
        |o| o.split_whitespace().count() == 3,
    );
    let pods: Vec<&str> = running.split_whitespace().collect();
    let node = k.ok(&["get", "pod", pods[0], "-o", "jsonpath={.spec.nodeName}"]);
    let on_node = k.ok(&[
        "get",
        "pods",
        "--field-selector",
        &format!("spec.nodeName={node},status.phase=Running"),
        "-o",
        names,
    ]);
    assert!(
        on_node.split_whitespace().any(|p| p == pods[0]),
        "{on_node}"
    );
    let pending = k.run(&["get", "pods", "--field-selector", "status.phase=Pending"]);
    assert!(pending.ok && pending.stdout.is_empty(), "{pending:?}");

    // kubectl describe lists the events whose involvedObject is the pod (name,
    // namespace, kind and uid in one field selector): this pod's, no other's.
    let describe = k.ok(&["describe", "pod", pods[0]]);
    let events = events_section(&describe);
    assert!(events.contains("Scheduled"), "{describe}");
    assert!(events.contains("Started"), "{describe}");
    assert!(
        !pods[1..].iter().any(|other| events.contains(other)),
        "only {}'s events: {events}",
        pods[0]
    );
    let deployment = k.ok(&["describe", "deployment", "nginx-demo"]);
    assert!(
        events_section(&deployment).contains("ScalingReplicaSet"),
        "{deployment}"
    );

    let unsupported = k.run(&["get", "pods", "--field-selector", "spec.color=red"]);
    assert!(!unsupported.ok);
    assert!(
        unsupported
            .stderr
            .contains("field label not supported: spec.color"),
        "{}",
        unsupported.stderr
    );
    // Upstream's ReplicaSets offer only the metadata fields.
    let replicas = k.run(&["get", "rs", "--field-selector", "status.replicas=0"]);
    assert!(
        replicas.stderr.contains(
            "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
        ),
        "{}",
        replicas.stderr
    );
}

#[test]
fn a_watch_with_a_field_selector_sees_objects_enter_and_leave_it() {
    let k = Kubectl::start();
    demo_rolled_out(&k);
    let watch = k.stream(&[
        "get",
        "pods",
        "--watch",
        "--output-watch-events",
        "--field-selector",
        "status.phase=Running",
    ]);
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let line = watch.line(SETTLE, |l| l.contains("nginx-demo-"));
        assert!(line.starts_with("ADDED"), "{line}");
        seen.extend(line.split_whitespace().nth(1).map(str::to_owned));
    }
    // A new pod enters the selection once it runs: ADDED then, not before.
    k.ok(&["scale", "deployment/nginx-demo", "--replicas=4"]);
    let added = watch.line(SETTLE, |l| {
        l.contains("nginx-demo-") && !seen.iter().any(|name| l.contains(name.as_str()))
    });
    assert!(
        added.starts_with("ADDED") && added.contains("Running"),
        "{added}"
    );
    // Deleted pods leave it.
    k.ok(&["scale", "deployment/nginx-demo", "--replicas=3"]);
    watch.line(SETTLE, |l| l.starts_with("DELETED"));
}

#[test]
fn get_endpoints_lists_the_ready_pods_of_a_service() {
    let k = Kubectl::start();
    let path = k.file("shop.yaml", &super::writes::manifest("nginx:1.27", 2));
    k.ok(&["apply", "-f", path.to_str().expect("a UTF-8 path")]);
    k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);
    let table = k.until(&["get", "endpoints", "shop"], SETTLE, |out| {
        rows(out)
            .first()
            .is_some_and(|r| r[1].matches(":80").count() == 2)
    });
    assert_eq!(header(&table), ["NAME", "ENDPOINTS", "AGE"]);
    let row = &rows(&table)[0];
    assert_eq!(row[0], "shop");
    assert!(
        row[1]
            .split(',')
            .all(|a| a.starts_with("10.244.") && a.ends_with(":80")),
        "{table}"
    );
    let kinds = k.ok(&[
        "get",
        "ep",
        "shop",
        "-o",
        "jsonpath={.subsets[0].addresses[*].targetRef.kind}",
    ]);
    assert_eq!(kinds, "Pod Pod");
}

#[test]
fn get_quota_prints_used_over_hard() {
    let k = Kubectl::start();
    let quota = k.file(
        "quota.yaml",
        "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: team\nspec:\n  hard:\n    \
         pods: \"20\"\n    requests.cpu: \"4\"\n    limits.memory: 8Gi\n",
    );
    k.ok(&["apply", "-f", quota.to_str().expect("a path")]);
    // The quota controller fills in what is used; the demo's three pods count.
    let table = k.until(&["get", "quota"], SETTLE, |out| out.contains("pods: 3/20"));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(header(&table), ["NAME", "AGE", "REQUEST", "LIMIT"]);
    assert!(lines[1].starts_with("team "), "{table}");
    assert!(
        lines[1].ends_with("pods: 3/20, requests.cpu: 0/4   limits.memory: 0/8Gi"),
        "{table}"
    );
}
