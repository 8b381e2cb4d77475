//! Required pod affinity and anti-affinity, by hostname and by member cluster, as
//! upstream's `InterPodAffinity` filter reads them.

use crate::common;
use crate::scheduling;

use std::collections::BTreeMap;

use common::Cluster;
use engine::demo;
use scheduling::{deploy, deployment, pending_message, per_cluster, per_node, unscheduled};
use serde_json::{json, Value};

const HOSTNAME: &str = "kubernetes.io/hostname";
const CLUSTER: &str = "berth.dev/cluster";

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

/// A pod spec with one required (anti-)affinity term selecting `app` over `key`.
fn term(kind: &str, app: &str, key: &str) -> Value {
    json!({"affinity": {kind: {"requiredDuringSchedulingIgnoredDuringExecution": [{
        "labelSelector": {"matchLabels": {"app": app}},
        "topologyKey": key,
    }]}}})
}

fn on_node(node: &str, mut spec: Value) -> Value {
    spec["nodeSelector"] = json!({HOSTNAME: node});
    spec
}

#[test]
fn anti_affinity_by_hostname_puts_one_pod_per_node() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 4, term("podAntiAffinity", "web", HOSTNAME));
    assert_eq!(
        per_node(&c, "web"),
        counts(&[("-", 1), ("node-1", 1), ("node-2", 1), ("node-3", 1)])
    );
    assert_eq!(
        pending_message(&c, "web"),
        "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: \
         0/3 nodes are available: 3 No preemption victims found for incoming pod."
    );
}

#[test]
fn anti_affinity_by_member_cluster_puts_one_pod_per_cluster() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 3, term("podAntiAffinity", "web", CLUSTER));
    assert_eq!(
        per_cluster(&c, "web"),
        counts(&[("-", 1), ("east", 1), ("west", 1)])
    );
}

#[test]
fn affinity_follows_the_selected_pods_into_their_domain() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "cache", 1, on_node("node-3", json!({})));
    deploy(&mut c, "near", 3, term("podAffinity", "cache", CLUSTER));
    assert_eq!(per_cluster(&c, "near"), counts(&[("west", 3)]));

    deploy(&mut c, "db", 1, on_node("node-1", json!({})));
    deploy(&mut c, "beside", 2, term("podAffinity", "db", HOSTNAME));
    assert_eq!(per_node(&c, "beside"), counts(&[("node-1", 2)]));

    // Nothing matches, and the pod does not match its own term: it waits.
    deploy(&mut c, "lonely", 1, term("podAffinity", "absent", HOSTNAME));
    assert_eq!(
        pending_message(&c, "lonely"),
        "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 \
         nodes are available: 3 Preemption is not helpful for scheduling."
    );
    // Once a matching pod runs, it follows.
    deploy(&mut c, "absent", 1, on_node("node-2", json!({})));
    // (once its back-off has run: the pod placed is the event that moves it)
    c.run_for(1_000);
    assert_eq!(per_node(&c, "lonely"), counts(&[("node-2", 1)]));
}

#[test]
fn the_first_pod_of_a_self_affine_group_may_go_anywhere_and_the_rest_follow() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 3, term("podAffinity", "web", HOSTNAME));
    assert_eq!(per_node(&c, "web"), counts(&[("node-1", 3)]));
}

#[test]
fn existing_pods_anti_affinity_keeps_new_pods_away() {
    let mut c = Cluster::with_member_clusters();
    deploy(
        &mut c,
        "db",
        1,
        on_node("node-1", term("podAntiAffinity", "web", HOSTNAME)),
    );
    deploy(&mut c, "web", 4, json!({}));
    assert_eq!(per_node(&c, "web"), counts(&[("node-2", 2), ("node-3", 2)]));

    // A pod of the same app pinned to node-1 has nowhere to go.
    let mut d = deployment("pinned", 1, on_node("node-1", json!({})));
    let spec = d.spec.as_mut().expect("spec");
    spec.template.metadata.as_mut().expect("meta").labels =
        Some(BTreeMap::from([("app".to_owned(), "web".to_owned())]));
    spec.selector.match_labels = Some(BTreeMap::from([("app".to_owned(), "web".to_owned())]));
    d.metadata.name = Some("pinned-web".to_owned());
    c.engine.create(d).expect("create");
    let message = pending_message(&c, "web");
    assert!(
        message.starts_with(
            "0/3 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity \
             rules, 2 node(s) didn't match Pod's node affinity/selector."
        ),
        "{message}"
    );
}

#[test]
fn terms_look_in_the_pods_namespace_unless_they_name_others() {
    let mut c = Cluster::with_member_clusters();
    c.engine
        .create(demo::namespace("other"))
        .expect("namespace");
    let mut elsewhere = deployment("web", 1, on_node("node-1", json!({})));
    elsewhere.metadata.namespace = Some("other".to_owned());
    c.engine.create(elsewhere).expect("create");

    deploy(&mut c, "web", 3, term("podAntiAffinity", "web", HOSTNAME));
    assert!(
        unscheduled(&c, "web").is_empty(),
        "other namespaces don't count"
    );

    let mut everywhere = term("podAntiAffinity", "api", HOSTNAME);
    everywhere["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        [0]["namespaceSelector"] = json!({});
    let mut api = deployment("api", 1, on_node("node-2", json!({})));
    api.metadata.namespace = Some("other".to_owned());
    c.engine.create(api).expect("create");
    deploy(&mut c, "api", 2, everywhere);
    let placed = per_node(&c, "api");
    assert_eq!(placed.get("node-2"), None, "{placed:?}");
    assert_eq!(placed.values().sum::<usize>(), 2);
}
