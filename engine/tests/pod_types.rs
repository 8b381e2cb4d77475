//! Pod types (SPEC §1.1): nodes offer GPUs and run one pod type (general-purpose, RDMA,
//! GPU); the scheduler places a pod only on a node of its type with the GPUs it asks
//! for, and GPU pods are refused outside GPU namespaces.

use crate::common;
use crate::scheduling;

use std::collections::BTreeMap;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::Deployment;
use engine::k8s_openapi::api::core::v1::{Namespace, Pod};
use engine::{demo, Error, SimulatedNode};
use scheduling::{pending_message, per_node, pods_of};
use serde_json::{json, Value};

/// The smallest GPU flavour: 4 vCPU, 16 GiB and a GPU.
fn one_gpu() -> Value {
    json!({"cpu": "4", "memory": "16Gi", "nvidia.com/gpu": "1"})
}

/// A Deployment of `pod_type` pods in `namespace` whose container has `limits`.
fn typed(namespace: &str, name: &str, replicas: i32, pod_type: &str, limits: Value) -> Deployment {
    let mut d = demo::deployment(namespace, name, "nginx:1.27", replicas);
    let template = &mut d.spec.as_mut().expect("spec").template;
    template
        .metadata
        .get_or_insert_with(Default::default)
        .annotations = Some(BTreeMap::from([(
        "berth.dev/pod-type".to_owned(),
        pod_type.to_owned(),
    )]));
    common::first_container(&mut d).resources =
        Some(serde_json::from_value(json!({ "limits": limits })).expect("resources"));
    d
}

/// A namespace of `kind` (`general` or `gpu`).
fn namespace(name: &str, kind: &str) -> Namespace {
    let mut ns = demo::namespace(name);
    ns.metadata.labels = Some(BTreeMap::from([(
        "berth.dev/namespace-type".to_owned(),
        kind.to_owned(),
    )]));
    ns
}

/// [`Cluster::new`]'s three general-purpose nodes, `default` made a GPU namespace, and
/// `extra` nodes.
fn cluster_with(extra: Vec<SimulatedNode>) -> Cluster {
    let mut c = Cluster::new();
    let mut default = (*c
        .engine
        .store()
        .get::<Namespace>("", "default")
        .expect("default"))
    .clone();
    default.metadata.labels = namespace("default", "gpu").metadata.labels;
    c.engine.update(default).expect("GPU namespace");
    for node in extra {
        c.engine.add_simulated_node(node).expect("node");
    }
    c
}

fn gpu_node(name: &str, number: u16, gpus: u32) -> SimulatedNode {
    SimulatedNode::new(name, number, 16, 64)
        .gpus(gpus)
        .pod_type("gpu")
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn a_gpu_node_offers_its_gpus_and_carries_its_pod_type() {
    let mut c = Cluster::without_nodes();
    let node = c
        .engine
        .add_simulated_node(gpu_node("gpu-1", 4, 4).label("zone", "a"))
        .expect("node");
    let status = node.status.clone().expect("status");
    let gpus = |m: Option<BTreeMap<_, _>>| m.and_then(|m| m.get("nvidia.com/gpu").cloned());
    assert_eq!(gpus(status.capacity).map(|q| q.0).as_deref(), Some("4"));
    assert_eq!(gpus(status.allocatable).map(|q| q.0).as_deref(), Some("4"));
    let labels = node.metadata.labels.clone().expect("labels");
    assert_eq!(labels["berth.dev/pod-type"], "gpu");
    assert_eq!(labels["zone"], "a");
    assert_eq!(
        node.spec.as_ref().and_then(|s| s.pod_cidr.as_deref()),
        Some("10.244.4.0/24")
    );
}

#[test]
fn gpu_pods_land_only_on_gpu_nodes_and_general_pods_never_do() {
    let mut c = cluster_with(vec![gpu_node("gpu-1", 4, 4)]);
    c.engine
        .create(typed("default", "train", 3, "gpu", one_gpu()))
        .expect("GPU Deployment");
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 8))
        .expect("general Deployment");
    c.run_for(5_000);
    assert_eq!(per_node(&c, "train"), counts(&[("gpu-1", 3)]));
    let web = per_node(&c, "web");
    assert_eq!(web.values().sum::<usize>(), 8);
    assert!(
        !web.contains_key("gpu-1"),
        "a general pod on a GPU node: {web:?}"
    );
    assert!(!web.contains_key("-"), "every general pod placed: {web:?}");
    assert_eq!(c.ready_pods().len(), 11);
}

#[test]
fn a_general_pod_stays_pending_when_only_gpu_nodes_have_room() {
    let mut c = Cluster::without_nodes();
    c.engine
        .add_simulated_node(gpu_node("gpu-1", 1, 4))
        .expect("node");
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 1))
        .expect("create");
    assert_eq!(
        pending_message(&c, "web"),
        "0/1 nodes are available: 1 node(s) didn't match the pod type \
         {berth.dev/pod-type: general}. preemption: 0/1 nodes are available: 1 \
         Preemption is not helpful for scheduling."
    );
}

#[test]
fn without_a_free_gpu_a_gpu_pod_stays_pending_naming_nvidia_gpu() {
    // One GPU on one node, and a GPU-type node that offers none.
    let mut c = cluster_with(vec![gpu_node("gpu-1", 4, 1), gpu_node("gpu-0", 5, 0)]);
    c.engine
        .create(typed("default", "train", 2, "gpu", one_gpu()))
        .expect("create");
    c.run_for(5_000);
    assert_eq!(per_node(&c, "train"), counts(&[("-", 1), ("gpu-1", 1)]));
    let message = "0/5 nodes are available: 2 Insufficient nvidia.com/gpu, 3 node(s) \
        didn't match the pod type {berth.dev/pod-type: gpu}. preemption: 0/5 nodes are \
        available: 2 No preemption victims found for incoming pod, 3 Preemption is not \
        helpful for scheduling.";
    assert_eq!(pending_message(&c, "train"), message);
    let pending = pods_of(&c, "train")
        .into_iter()
        .find(|p| p.spec.as_ref().is_some_and(|s| s.node_name.is_none()))
        .expect("a pending pod");
    let name = pending.metadata.name.clone().expect("name");
    let warned = c.events_about("Pod").iter().any(|e| {
        e.involved_object.name.as_deref() == Some(name.as_str())
            && e.reason.as_deref() == Some("FailedScheduling")
            && e.type_.as_deref() == Some("Warning")
            && e.message.as_deref() == Some(message)
    });
    assert!(warned, "a FailedScheduling warning with the message");

    // The GPU is counted back when its pod goes: the pending pod, the older, takes it
    // and the replacement waits.
    let running = pods_of(&c, "train")
        .into_iter()
        .find(|p| p.spec.as_ref().is_some_and(|s| s.node_name.is_some()))
        .and_then(|p| p.metadata.name.clone())
        .expect("a running pod");
    c.engine
        .delete::<Pod>("default", &running, Some(0))
        .expect("delete");
    c.run_for(5_000);
    let node = c
        .engine
        .store()
        .get::<Pod>("default", &name)
        .and_then(|p| p.spec.as_ref()?.node_name.clone());
    assert_eq!(node.as_deref(), Some("gpu-1"));
    assert_eq!(per_node(&c, "train"), counts(&[("-", 1), ("gpu-1", 1)]));
}

#[test]
fn an_amd_gpu_is_its_own_resource_that_nvidia_nodes_do_not_offer() {
    // The simulated GPU nodes offer NVIDIA GPUs only: a pod asking for an AMD one
    // waits, as upstream's fit check treats every extended resource on its own.
    let mut c = cluster_with(vec![gpu_node("gpu-1", 4, 4)]);
    let limits = json!({"cpu": "4", "memory": "16Gi", "amd.com/gpu": "1"});
    c.engine
        .create(typed("default", "rocm", 1, "gpu", limits))
        .expect("create");
    c.run_for(5_000);
    assert_eq!(per_node(&c, "rocm"), counts(&[("-", 1)]));
    assert!(
        pending_message(&c, "rocm").starts_with(
            "0/4 nodes are available: 1 Insufficient amd.com/gpu, 3 node(s) didn't match \
             the pod type {berth.dev/pod-type: gpu}."
        ),
        "{}",
        pending_message(&c, "rocm")
    );
}

#[test]
fn rdma_pods_go_to_rdma_nodes() {
    let rdma = SimulatedNode::new("rdma-1", 4, 16, 64).pod_type("rdma");
    let mut c = cluster_with(vec![rdma, gpu_node("gpu-1", 5, 4)]);
    // 8 vCPU and 32 GiB would fit each general and GPU node too: the RDMA node takes
    // two, and the third waits for it.
    let limits = json!({"cpu": "8", "memory": "32Gi"});
    c.engine
        .create(typed("default", "mpi", 3, "rdma", limits))
        .expect("create");
    c.run_for(5_000);
    assert_eq!(per_node(&c, "mpi"), counts(&[("-", 1), ("rdma-1", 2)]));
    assert!(pending_message(&c, "mpi").starts_with(
        "0/5 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 4 node(s) \
         didn't match the pod type {berth.dev/pod-type: rdma}."
    ));
}

#[test]
fn a_daemon_set_runs_on_the_nodes_of_its_pod_type() {
    let mut c = cluster_with(vec![gpu_node("gpu-1", 4, 4), gpu_node("gpu-2", 5, 4)]);
    c.engine
        .create(demo::daemon_set("default", "agent", "nginx:1.27"))
        .expect("create");
    c.run_for(5_000);
    let nodes = per_node(&c, "agent");
    assert_eq!(
        nodes,
        counts(&[("node-1", 1), ("node-2", 1), ("node-3", 1)])
    );
}

#[test]
fn a_gpu_deployment_is_refused_in_a_general_namespace_and_created_in_a_gpu_one() {
    let mut c = Cluster::new();
    c.engine.create(namespace("plain", "general")).expect("ns");
    c.engine.create(namespace("ai", "gpu")).expect("ns");
    let refused = c
        .engine
        .create(typed("plain", "train", 1, "gpu", one_gpu()))
        .expect_err("a GPU Deployment in a general namespace");
    let Error::Invalid { kind, causes, .. } = refused else {
        panic!("not Invalid: {refused:?}");
    };
    assert_eq!(kind, "Deployment");
    // Both the GPU-accelerated pod type and the GPU limit are refused, each at its field.
    let fields: Vec<&str> = causes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "spec.template.metadata.annotations[berth.dev/pod-type]",
            "spec.template.spec.containers[0].resources.limits"
        ],
        "{causes:?}"
    );
    assert!(causes
        .iter()
        .all(|c| c.message
            == "GPU is allowed only for the GPU-accelerated pod type in a GPU namespace"));
    assert!(c
        .engine
        .store()
        .get::<Deployment>("plain", "train")
        .is_none());

    c.engine
        .create(typed("ai", "train", 1, "gpu", one_gpu()))
        .expect("a GPU Deployment in a GPU namespace");
}

#[test]
fn a_bare_gpu_pod_keeps_the_namespace_rule_too() {
    let mut c = Cluster::new();
    c.engine.create(namespace("ai", "gpu")).expect("ns");
    let pod = |namespace: &str, pod_type: &str| -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": "p", "namespace": namespace,
                         "annotations": {"berth.dev/pod-type": pod_type}},
            "spec": {"containers": [
                {"name": "a", "image": "nginx:1.27"},
                {"name": "b", "image": "nginx:1.27", "resources": {"limits": one_gpu()}},
            ]},
        }))
        .expect("pod")
    };
    for (namespace, pod_type) in [("default", "gpu"), ("ai", "general")] {
        let refused = c
            .engine
            .create(pod(namespace, pod_type))
            .expect_err("refused");
        let Error::Invalid { causes, .. } = refused else {
            panic!("not Invalid: {refused:?}");
        };
        assert_eq!(causes.len(), 1, "{causes:?}");
        assert_eq!(causes[0].field, "spec.containers[1].resources.limits");
        assert!(causes[0].message.contains("GPU namespace"), "{causes:?}");
    }
    assert_eq!(c.engine.store().count::<Pod>(), 0);
    c.engine
        .create(pod("ai", "gpu"))
        .expect("a GPU pod in a GPU namespace");
}
