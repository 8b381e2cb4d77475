//! The scheduler's node filters (cordons, taints, node selectors and affinity, resource
//! fit), its scores, and what an unschedulable pod shows. Pod affinity is in
//! `pod_affinity.rs`, member clusters in `member_clusters.rs`.

use crate::common;
use crate::scheduling;

use std::collections::BTreeMap;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::{Taint, Toleration};
use engine::k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use scheduling::{deploy, label, pending_message, per_node, pods_of, requesting, unscheduled};
use serde_json::json;

fn taint(c: &mut Cluster, node: &str, key: &str, value: &str, effect: &str) {
    c.edit_node(node, |n| {
        n.spec
            .get_or_insert_with(Default::default)
            .taints
            .get_or_insert_with(Vec::new)
            .push(Taint {
                key: key.to_owned(),
                value: Some(value.to_owned()).filter(|v| !v.is_empty()),
                effect: effect.to_owned(),
                ..Default::default()
            });
    });
}

fn cordon(c: &mut Cluster, node: &str, cordoned: bool) {
    c.edit_node(node, |n| {
        n.spec.get_or_insert_with(Default::default).unschedulable = Some(cordoned);
    });
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn an_unschedulable_pod_stays_pending_with_upstreams_message_and_a_warning() {
    let mut c = Cluster::new();
    label(&mut c, "node-1", "disktype", "ssd");
    label(&mut c, "node-2", "disktype", "ssd");
    cordon(&mut c, "node-1", true);
    taint(&mut c, "node-2", "dedicated", "gpu", "NoSchedule");
    deploy(
        &mut c,
        "web",
        1,
        json!({"nodeSelector": {"disktype": "ssd"}}),
    );

    let message = "0/3 nodes are available: 1 node(s) didn't match Pod's node \
        affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) \
        were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not \
        helpful for scheduling.";
    assert_eq!(pending_message(&c, "web"), message);
    let pod = &pods_of(&c, "web")[0];
    assert_eq!(
        pod.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Pending")
    );
    let warnings: Vec<_> = c
        .events_about("Pod")
        .into_iter()
        .filter(|e| e.reason.as_deref() == Some("FailedScheduling"))
        .collect();
    assert_eq!(warnings.len(), 1, "one event while nothing changes");
    assert_eq!(warnings[0].type_.as_deref(), Some("Warning"));
    assert_eq!(warnings[0].message.as_deref(), Some(message));
    assert_eq!(
        warnings[0]
            .source
            .as_ref()
            .and_then(|s| s.component.as_deref()),
        Some("default-scheduler")
    );
    c.run_for(60_000);
    assert_eq!(unscheduled(&c, "web").len(), 1, "still pending");

    // Uncordoning the node is a change the scheduler retries on.
    cordon(&mut c, "node-1", false);
    assert_eq!(per_node(&c, "web"), counts(&[("node-1", 1)]));
    let pod = &pods_of(&c, "web")[0];
    let scheduled = pod
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "PodScheduled"))
        .expect("PodScheduled");
    assert_eq!(
        (scheduled.status.as_str(), scheduled.message.as_deref()),
        ("True", None)
    );
}

#[test]
fn no_nodes_at_all_is_said_so() {
    let mut c = Cluster::without_nodes();
    deploy(&mut c, "web", 1, json!({}));
    assert_eq!(
        pending_message(&c, "web"),
        "0/0 nodes are available: no nodes available to schedule pods."
    );
}

#[test]
fn taints_repel_pods_that_do_not_tolerate_them() {
    let mut c = Cluster::new();
    taint(&mut c, "node-1", "dedicated", "gpu", "NoSchedule");
    taint(&mut c, "node-2", "maintenance", "", "NoExecute");
    taint(&mut c, "node-3", "spot", "true", "PreferNoSchedule");
    deploy(&mut c, "plain", 2, json!({}));
    assert_eq!(
        per_node(&c, "plain"),
        counts(&[("node-3", 2)]),
        "a preference only"
    );

    let tolerant = json!({"tolerations": [
        {"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"},
        {"key": "maintenance", "operator": "Exists"},
    ]});
    deploy(&mut c, "tolerant", 4, tolerant);
    assert_eq!(
        per_node(&c, "tolerant"),
        counts(&[("node-1", 2), ("node-2", 2)]),
        "node-3 has the plain pods already"
    );

    taint(&mut c, "node-3", "spot", "true", "NoSchedule");
    deploy(&mut c, "late", 1, json!({}));
    assert_eq!(
        pending_message(&c, "late"),
        "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) \
         had untolerated taint {maintenance: }, 1 node(s) had untolerated taint {spot: true}. \
         preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
    c.edit_node("node-3", |n| {
        let spec = n.spec.get_or_insert_with(Default::default);
        spec.taints = None;
    });
    // (once its back-off has run: the node's change is the event that moves it)
    c.run_for(1_000);
    assert_eq!(per_node(&c, "late"), counts(&[("node-3", 1)]));
}

#[test]
fn a_node_that_is_not_ready_carries_the_not_ready_taint() {
    let mut c = Cluster::new();
    for node in ["node-1", "node-2", "node-3"] {
        c.edit_node(node, |n| {
            let status = n.status.get_or_insert_with(Default::default);
            for condition in status.conditions.iter_mut().flatten() {
                condition.status = "False".to_owned();
            }
        });
    }
    deploy(&mut c, "web", 1, json!({}));
    assert_eq!(
        pending_message(&c, "web"),
        "0/3 nodes are available: 3 node(s) had untolerated taint \
         {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 \
         Preemption is not helpful for scheduling."
    );
    let tolerant = json!({"tolerations": [Toleration {
        key: Some("node.kubernetes.io/not-ready".to_owned()),
        operator: Some("Exists".to_owned()),
        ..Default::default()
    }]});
    deploy(&mut c, "tolerant", 1, tolerant);
    assert_eq!(pods_of(&c, "tolerant").len(), 1);
    assert!(unscheduled(&c, "tolerant").is_empty());
}

/// node-1: zone a, 16 cores; node-2: zone b, 4 cores; node-3: zone c, no cores label.
fn zoned() -> Cluster {
    let mut c = Cluster::new();
    for (node, zone) in [("node-1", "a"), ("node-2", "b"), ("node-3", "c")] {
        label(&mut c, node, "zone", zone);
    }
    label(&mut c, "node-1", "cores", "16");
    label(&mut c, "node-2", "cores", "4");
    c
}

fn required(terms: serde_json::Value) -> serde_json::Value {
    json!({"affinity": {"nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}
    }}})
}

fn expr(key: &str, operator: &str, values: &[&str]) -> serde_json::Value {
    if values.is_empty() {
        json!({"key": key, "operator": operator})
    } else {
        json!({"key": key, "operator": operator, "values": values})
    }
}

#[test]
fn required_node_affinity_ors_its_terms_and_ands_their_expressions() {
    let mut c = zoned();
    let cases = [
        (
            "in-gt",
            vec![vec![
                expr("zone", "In", &["a", "b"]),
                expr("cores", "Gt", &["8"]),
            ]],
            "node-1",
        ),
        (
            "notin-exists",
            vec![vec![
                expr("zone", "NotIn", &["a"]),
                expr("cores", "Exists", &[]),
            ]],
            "node-2",
        ),
        ("lt", vec![vec![expr("cores", "Lt", &["8"])]], "node-2"),
        (
            "does-not-exist",
            vec![vec![expr("cores", "DoesNotExist", &[])]],
            "node-3",
        ),
    ];
    for (name, terms, node) in cases {
        let terms: Vec<_> = terms
            .into_iter()
            .map(|exprs| json!({"matchExpressions": exprs}))
            .collect();
        deploy(&mut c, name, 2, required(json!(terms)));
        assert_eq!(per_node(&c, name), counts(&[(node, 2)]), "{name}");
    }

    let either = json!([
        {"matchExpressions": [expr("zone", "In", &["c"])]},
        {"matchExpressions": [expr("cores", "Gt", &["10"])]},
    ]);
    deploy(&mut c, "either", 4, required(either));
    assert_eq!(
        per_node(&c, "either"),
        counts(&[("node-1", 2), ("node-3", 2)])
    );

    deploy(
        &mut c,
        "nowhere",
        1,
        required(json!([{"matchExpressions": [expr("zone", "In", &["z"])]}])),
    );
    assert!(pending_message(&c, "nowhere").starts_with(
        "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."
    ));
}

#[test]
fn requests_must_fit_what_the_node_has_left() {
    let mut c = Cluster::new();
    deploy(&mut c, "big", 4, requesting("5", "1Gi"));
    assert_eq!(
        per_node(&c, "big"),
        counts(&[("-", 1), ("node-1", 1), ("node-2", 1), ("node-3", 1)])
    );
    assert_eq!(
        pending_message(&c, "big"),
        "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: \
         3 No preemption victims found for incoming pod."
    );
    // A pod that asks for nothing counts nothing, and fits anywhere.
    deploy(&mut c, "small", 3, json!({}));
    assert_eq!(pods_of(&c, "small").len(), 3);
    assert!(unscheduled(&c, "small").is_empty());

    deploy(&mut c, "huge", 1, requesting("100m", "40Gi"));
    assert!(
        pending_message(&c, "huge").starts_with("0/3 nodes are available: 3 Insufficient memory.")
    );

    // A new node is an event the waiting pods are tried again on, once their back-off
    // (1 s) has run.
    c.engine.add_node("node-4", 4, 8, 64).expect("node");
    c.run_for(1_000);
    assert_eq!(per_node(&c, "big").get("-"), None);
    assert_eq!(per_node(&c, "huge"), counts(&[("node-4", 1)]));
}

#[test]
fn the_message_counts_each_nodes_reason_sorted_as_upstream() {
    let mut c = Cluster::new();
    label(&mut c, "node-1", "pool", "web");
    label(&mut c, "node-2", "pool", "web");
    let pod = |extra: serde_json::Value| {
        let mut spec = requesting("5", "1Gi");
        if let (Some(spec), serde_json::Value::Object(extra)) = (spec.as_object_mut(), extra) {
            spec.extend(extra);
        }
        spec
    };
    deploy(
        &mut c,
        "web",
        3,
        pod(json!({"nodeSelector": {"pool": "web"}})),
    );
    assert_eq!(
        pending_message(&c, "web"),
        "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 \
         Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful \
         for scheduling, 2 No preemption victims found for incoming pod."
    );
}

#[test]
fn init_containers_limits_and_the_pod_count_are_counted_as_upstream() {
    let mut c = Cluster::new();
    // The largest init container (7 cores) outweighs the app container (1 core).
    let init = json!({
        "initContainers": [{"name": "init", "image": "busybox:1.36", "command": ["true"],
            "resources": {"requests": {"cpu": "7"}}}],
        "containers": [{"name": "nginx", "image": "nginx:1.27",
            "resources": {"requests": {"cpu": "1"}}}],
    });
    deploy(&mut c, "init", 4, init);
    assert_eq!(per_node(&c, "init").get("-"), Some(&1));

    // A limit without a request is the request (API defaulting).
    let mut c = Cluster::new();
    let limited = json!({"containers": [{"name": "nginx", "image": "nginx:1.27",
        "resources": {"limits": {"cpu": "8", "memory": "16Gi"}}}]});
    deploy(&mut c, "limited", 4, limited);
    assert_eq!(per_node(&c, "limited").get("-"), Some(&1));

    let mut c = Cluster::new();
    for node in ["node-1", "node-2", "node-3"] {
        c.edit_node(node, |n| {
            let status = n.status.get_or_insert_with(Default::default);
            status
                .allocatable
                .get_or_insert_with(Default::default)
                .insert("pods".to_owned(), Quantity("2".to_owned()));
        });
    }
    deploy(&mut c, "many", 7, json!({}));
    assert!(pending_message(&c, "many").starts_with("0/3 nodes are available: 3 Too many pods."));
    assert_eq!(unscheduled(&c, "many").len(), 1);
}

#[test]
fn preferred_node_affinity_wins_then_the_least_allocated_node() {
    let mut c = Cluster::new();
    label(&mut c, "node-2", "tier", "gold");
    label(&mut c, "node-3", "tier", "silver");
    let preferring = json!({"affinity": {"nodeAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 10, "preference": {"matchExpressions": [expr("tier", "In", &["silver"])]}},
            {"weight": 50, "preference": {"matchExpressions": [expr("tier", "In", &["gold"])]}},
        ]
    }}});
    deploy(&mut c, "gold", 3, preferring);
    assert_eq!(per_node(&c, "gold"), counts(&[("node-2", 3)]));

    // Pods without requests spread, as each counts upstream's default 100m / 200Mi.
    let mut c = Cluster::new();
    deploy(&mut c, "even", 9, json!({}));
    assert_eq!(
        per_node(&c, "even"),
        counts(&[("node-1", 3), ("node-2", 3), ("node-3", 3)])
    );

    // A node whose CPU is mostly asked for scores low.
    let mut c = Cluster::new();
    deploy(&mut c, "hog", 1, requesting("6", "1Gi"));
    assert_eq!(
        per_node(&c, "hog"),
        counts(&[("node-1", 1)]),
        "ties go by name"
    );
    deploy(&mut c, "web", 4, json!({}));
    assert_eq!(per_node(&c, "web"), counts(&[("node-2", 2), ("node-3", 2)]));
}

#[test]
fn a_pending_pod_is_scheduled_once_deleted_pods_free_the_room() {
    let mut c = Cluster::new();
    deploy(&mut c, "hog", 3, requesting("6", "1Gi"));
    c.run_for(5_000);
    deploy(&mut c, "web", 1, requesting("4", "1Gi"));
    assert_eq!(unscheduled(&c, "web").len(), 1);
    c.engine
        .delete::<engine::k8s_openapi::api::apps::v1::Deployment>("default", "hog", None)
        .expect("delete");
    c.run_for(31_000);
    assert!(pods_of(&c, "hog").is_empty());
    assert_eq!(per_node(&c, "web").get("-"), None);
}
