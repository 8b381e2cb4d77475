//! A DaemonSet runs one pod on every node that should run it, and replaces them within
//! maxUnavailable (or maxSurge) on a template change.

use crate::common;

use std::collections::BTreeMap;
use std::sync::Arc;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, DaemonSetStatus, DaemonSetUpdateStrategy, RollingUpdateDaemonSet,
};
use engine::k8s_openapi::api::core::v1::{Event, Pod, Taint, Toleration};
use engine::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use engine::{pod_state, CONTROLLER_REVISION_LABEL};

fn create(c: &mut Cluster, name: &str, adjust: impl FnOnce(&mut DaemonSet)) {
    let mut ds = demo::daemon_set("default", name, "nginx:1.27");
    adjust(&mut ds);
    c.engine.create(ds).expect("create");
}

fn daemon_set(c: &Cluster, name: &str) -> DaemonSet {
    (*c.engine
        .store()
        .get::<DaemonSet>("default", name)
        .expect("daemon set"))
    .clone()
}

fn status(c: &Cluster, name: &str) -> DaemonSetStatus {
    daemon_set(c, name).status.expect("status")
}

fn edit(c: &mut Cluster, name: &str, change: impl FnOnce(&mut DaemonSet)) {
    let mut ds = daemon_set(c, name);
    change(&mut ds);
    c.engine.update(ds).expect("update");
}

fn set_image(ds: &mut DaemonSet, image: &str) {
    let spec = ds.spec.as_mut().expect("spec");
    spec.template.spec.as_mut().expect("pod spec").containers[0].image = Some(image.to_owned());
}

fn rolling(ds: &mut DaemonSet, surge: Option<IntOrString>, unavailable: Option<IntOrString>) {
    ds.spec.as_mut().expect("spec").update_strategy = Some(DaemonSetUpdateStrategy {
        type_: Some("RollingUpdate".to_owned()),
        rolling_update: Some(RollingUpdateDaemonSet {
            max_surge: surge,
            max_unavailable: unavailable,
        }),
    });
}

/// The pods of the set `app`, terminating ones included.
fn pods_of(c: &Cluster, app: &str) -> Vec<Arc<Pod>> {
    c.pods()
        .into_iter()
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("app"))
                .is_some_and(|a| a == app)
        })
        .collect()
}

fn node_of(pod: &Pod) -> Option<String> {
    pod.spec.as_ref()?.node_name.clone()
}

/// The nodes the set's live pods run on, each with its pods' images.
fn placement(c: &Cluster, app: &str) -> BTreeMap<String, Vec<String>> {
    let mut nodes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pod in pods_of(c, app).iter().filter(|p| pod_state::is_active(p)) {
        let image = pod
            .spec
            .as_ref()
            .and_then(|s| s.containers[0].image.clone());
        nodes
            .entry(node_of(pod).unwrap_or_default())
            .or_default()
            .push(image.unwrap_or_default());
    }
    nodes
}

/// How many nodes have a live, Ready pod of the set.
fn serving_nodes(c: &Cluster, app: &str) -> usize {
    let mut nodes: Vec<String> = pods_of(c, app)
        .iter()
        .filter(|p| pod_state::is_active(p) && pod_state::is_ready(p))
        .filter_map(|p| node_of(p))
        .collect();
    nodes.sort();
    nodes.dedup();
    nodes.len()
}

fn ready_daemon(c: &mut Cluster, adjust: impl FnOnce(&mut DaemonSet)) {
    create(c, "web", adjust);
    c.run_for(5_000);
    assert_eq!(serving_nodes(c, "web"), 3);
}

#[test]
fn one_pod_runs_on_every_node() {
    let mut c = Cluster::new();
    create(&mut c, "web", |_| {});
    let pods = pods_of(&c, "web");
    assert_eq!(pods.len(), 3);
    c.run_for(5_000);
    let nodes: Vec<String> = placement(&c, "web").into_keys().collect();
    assert_eq!(nodes, ["node-1", "node-2", "node-3"]);

    let ds = daemon_set(&c, "web");
    let revision = c
        .engine
        .store()
        .list::<ControllerRevision>(Some("default"))
        .next()
        .cloned()
        .expect("a revision");
    for pod in pods_of(&c, "web") {
        let name = pod.metadata.name.clone().unwrap_or_default();
        assert!(name.starts_with("web-") && name.len() == 9, "{name}");
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        let hash = labels.get(CONTROLLER_REVISION_LABEL).expect("hash label");
        assert_eq!(revision.metadata.name, Some(format!("web-{hash}")));
        assert_eq!(
            labels.get("pod-template-generation").map(String::as_str),
            Some("1")
        );
        let owner = &pod.metadata.owner_references.clone().expect("owner")[0];
        assert_eq!(
            (owner.kind.as_str(), owner.controller),
            ("DaemonSet", Some(true))
        );
        // Pinned by node affinity, then bound by the scheduler.
        let term = pod
            .spec
            .as_ref()
            .and_then(|s| s.affinity.as_ref()?.node_affinity.as_ref())
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .clone()
            })
            .expect("node affinity")
            .node_selector_terms;
        let fields = term[0].match_fields.clone().expect("match fields");
        assert_eq!(fields[0].values, node_of(&pod).map(|n| vec![n]));
    }
    let status = ds.status.clone().expect("status");
    assert_eq!(status.observed_generation, ds.metadata.generation);
    assert_eq!(
        (
            status.desired_number_scheduled,
            status.current_number_scheduled,
            status.number_ready,
            status.number_misscheduled,
        ),
        (3, 3, 3, 0)
    );
    assert_eq!(
        (
            status.number_available,
            status.number_unavailable,
            status.updated_number_scheduled
        ),
        (Some(3), Some(0), Some(3))
    );
    let created = c
        .engine
        .store()
        .list_unpacked::<Event>(Some("default"))
        .filter(|e| e.reason.as_deref() == Some("SuccessfulCreate"))
        .filter(|e| e.involved_object.kind.as_deref() == Some("DaemonSet"))
        .filter_map(|e| e.message.clone())
        .filter(|m| m.starts_with("Created pod: web-"))
        .count();
    assert_eq!(created, 3);
}

#[test]
fn nodes_get_pods_as_selectors_taints_and_cordons_allow() {
    let mut c = Cluster::new();
    c.edit_node("node-1", |n| {
        n.metadata.labels = Some(BTreeMap::from([("disk".to_owned(), "ssd".to_owned())]));
    });
    c.edit_node("node-2", |n| {
        n.spec.get_or_insert_with(Default::default).taints = Some(vec![Taint {
            key: "dedicated".to_owned(),
            value: Some("db".to_owned()),
            effect: "NoSchedule".to_owned(),
            time_added: None,
        }]);
    });
    c.edit_node("node-3", |n| {
        n.spec.get_or_insert_with(Default::default).unschedulable = Some(true);
    });
    create(&mut c, "agent", |_| {});
    create(&mut c, "ssd", |ds| {
        let pod = ds.spec.as_mut().and_then(|s| s.template.spec.as_mut());
        let pod = pod.expect("pod spec");
        pod.node_selector = Some(BTreeMap::from([("disk".to_owned(), "ssd".to_owned())]));
        pod.tolerations = Some(vec![Toleration {
            key: Some("dedicated".to_owned()),
            operator: Some("Exists".to_owned()),
            ..Default::default()
        }]);
    });
    c.run_for(5_000);
    let on = |c: &Cluster, app: &str| placement(c, app).into_keys().collect::<Vec<_>>();
    assert_eq!(on(&c, "agent"), ["node-1"]);
    assert_eq!(on(&c, "ssd"), ["node-1"]);

    c.engine.add_node("node-4", 4, 8, 32).expect("node-4");
    c.edit_node("node-2", |n| {
        n.metadata.labels = Some(BTreeMap::from([("disk".to_owned(), "ssd".to_owned())]));
    });
    c.run_for(5_000);
    assert_eq!(on(&c, "agent"), ["node-1", "node-4"]);
    assert_eq!(
        on(&c, "ssd"),
        ["node-1", "node-2"],
        "the taint is tolerated"
    );
    assert_eq!(status(&c, "agent").desired_number_scheduled, 2);
    assert_eq!(status(&c, "agent").number_ready, 2);

    // A node that no longer matches the selector loses its pod.
    c.edit_node("node-1", |n| n.metadata.labels = None);
    c.run_for(5_000);
    assert_eq!(on(&c, "ssd"), ["node-2"]);
    assert_eq!(status(&c, "ssd").desired_number_scheduled, 1);
}

/// Runs until the rollout to `image` is done, answering the most nodes ever without a
/// live Ready pod.
fn roll_out(c: &mut Cluster, image: &str) -> usize {
    let mut worst = 0;
    for _ in 0..100 {
        c.run_for(100);
        worst = worst.max(3 - serving_nodes(c, "web"));
    }
    let placed = placement(c, "web");
    assert!(
        placed.values().all(|images| images == &[image]),
        "{placed:?}"
    );
    worst
}

#[test]
fn a_rolling_update_keeps_within_max_unavailable_rounded_up() {
    let mut c = Cluster::new();
    ready_daemon(&mut c, |_| {});
    edit(&mut c, "web", |ds| set_image(ds, "nginx:1.28"));
    assert_eq!(
        pods_of(&c, "web")
            .iter()
            .filter(|p| pod_state::is_terminating(p))
            .count(),
        1,
        "one at a time by default"
    );
    assert_eq!(roll_out(&mut c, "nginx:1.28"), 1);
    assert_eq!(status(&c, "web").updated_number_scheduled, Some(3));

    // 50% of three nodes is 1.5: two may be unavailable.
    edit(&mut c, "web", |ds| {
        rolling(ds, None, Some(IntOrString::String("50%".to_owned())));
        set_image(ds, "nginx:1.29");
    });
    assert_eq!(roll_out(&mut c, "nginx:1.29"), 2);
    let status = status(&c, "web");
    assert_eq!(status.updated_number_scheduled, Some(3));
    assert_eq!(status.number_available, Some(3));
}

#[test]
fn max_surge_starts_the_new_pod_before_the_old_one_goes() {
    let mut c = Cluster::new();
    ready_daemon(&mut c, |ds| {
        rolling(ds, Some(IntOrString::Int(1)), Some(IntOrString::Int(0)));
    });
    edit(&mut c, "web", |ds| set_image(ds, "nginx:1.28"));
    let doubled: Vec<_> = placement(&c, "web")
        .into_iter()
        .filter(|(_, images)| images.len() == 2)
        .collect();
    assert_eq!(doubled.len(), 1, "one node surges: {doubled:?}");
    assert_eq!(roll_out(&mut c, "nginx:1.28"), 0, "never below three");
    assert_eq!(pods_of(&c, "web").len(), 3);
}

#[test]
fn on_delete_replaces_only_pods_deleted_by_hand() {
    let mut c = Cluster::new();
    ready_daemon(&mut c, |ds| {
        ds.spec.as_mut().expect("spec").update_strategy = Some(DaemonSetUpdateStrategy {
            type_: Some("OnDelete".to_owned()),
            rolling_update: None,
        });
    });
    edit(&mut c, "web", |ds| set_image(ds, "nginx:1.28"));
    c.run_for(5_000);
    assert!(placement(&c, "web")
        .values()
        .all(|images| images == &["nginx:1.27"]));
    assert_eq!(status(&c, "web").updated_number_scheduled, Some(0));
    let on_node_2 = pods_of(&c, "web")
        .into_iter()
        .find(|p| node_of(p).as_deref() == Some("node-2"))
        .and_then(|p| p.metadata.name.clone())
        .expect("pod on node-2");
    c.engine
        .delete::<Pod>("default", &on_node_2, None)
        .expect("delete");
    c.run_for(5_000);
    let placed = placement(&c, "web");
    assert_eq!(placed["node-1"], ["nginx:1.27"]);
    assert_eq!(placed["node-2"], ["nginx:1.28"]);
    assert_eq!(placed["node-3"], ["nginx:1.27"]);
    assert_eq!(status(&c, "web").updated_number_scheduled, Some(1));
}

#[test]
fn status_counts_ready_and_available_pods_with_min_ready_seconds() {
    let mut c = Cluster::new();
    create(&mut c, "web", |ds| {
        ds.spec.as_mut().expect("spec").min_ready_seconds = Some(5);
    });
    let s = status(&c, "web");
    assert_eq!((s.desired_number_scheduled, s.number_ready), (3, 0));
    assert_eq!(s.number_unavailable, Some(3));
    c.run_for(1_000);
    let s = status(&c, "web");
    assert_eq!((s.number_ready, s.number_available), (3, Some(0)));
    assert_eq!(s.number_unavailable, Some(3));
    c.run_for(5_000);
    let s = status(&c, "web");
    assert_eq!(
        (s.number_available, s.number_unavailable),
        (Some(3), Some(0))
    );
}

#[test]
fn deleting_the_set_deletes_its_pods() {
    let mut c = Cluster::new();
    ready_daemon(&mut c, |_| {});
    c.engine
        .delete::<DaemonSet>("default", "web", None)
        .expect("delete");
    c.run_for(5_000);
    assert!(pods_of(&c, "web").is_empty());
    assert_eq!(c.engine.store().count::<ControllerRevision>(), 0);
}
