//! What clients Berth did not write expect of any cluster: nodes with the kubelet's
//! well-known labels and system info, and the pause image that their own tests run as
//! a pod that does nothing; the system namespaces and cluster DNS every cluster has.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::{Node, Pod};
use engine::pod_state;
use serde_json::json;

#[test]
fn nodes_carry_the_kubelets_well_known_labels_and_system_info() {
    let c = Cluster::new();
    let node = c.engine.store().get::<Node>("", "node-2").expect("node");
    let labels = node.metadata.labels.as_ref().expect("labels");
    for (key, value) in [
        ("kubernetes.io/hostname", "node-2"),
        ("kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("beta.kubernetes.io/arch", "amd64"),
    ] {
        assert_eq!(labels.get(key).map(String::as_str), Some(value), "{key}");
    }
    let info = node
        .status
        .as_ref()
        .and_then(|s| s.node_info.as_ref())
        .expect("nodeInfo");
    assert_eq!(info.kubelet_version, "v1.32.0");
    assert_eq!(info.operating_system, "linux");
    assert!(info.container_runtime_version.starts_with("containerd://"));
    let other = c.engine.store().get::<Node>("", "node-1").expect("node");
    let other_info = other.status.as_ref().and_then(|s| s.node_info.as_ref());
    assert_ne!(other_info.map(|i| &i.machine_id), Some(&info.machine_id));
}

#[test]
fn a_pause_pod_runs_and_is_ready() {
    let mut c = Cluster::new();
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "idle", "namespace": "default"},
        "spec": {"containers": [{"name": "pause", "image": "gcr.io/google_containers/pause"}]}
    }))
    .expect("pod");
    c.engine.create(pod).expect("create");
    c.run_for(30_000);
    let pod = c.engine.store().get::<Pod>("default", "idle").expect("pod");
    assert!(pod_state::is_ready(&pod), "{:?}", pod.status);
}

#[test]
fn the_demo_cluster_has_the_system_namespaces_and_a_running_cluster_dns() {
    use engine::clock::VirtualClock;
    use engine::k8s_openapi::api::core::v1::{Namespace, Service};
    use engine::k8s_openapi::jiff::SignedDuration;
    let clock = std::sync::Arc::new(VirtualClock::default());
    let mut engine = engine::Engine::new(clock.clone(), 3);
    engine::demo::seed(&mut engine).expect("demo");
    for _ in 0..30 {
        clock.advance(SignedDuration::from_secs(1));
        engine.tick();
    }
    for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
        assert!(
            engine.store().get::<Namespace>("", name).is_some(),
            "{name}"
        );
    }
    let dns: Vec<_> = engine
        .store()
        .list::<Pod>(Some("kube-system"))
        .filter(|p| pod_state::is_ready(p))
        .collect();
    assert_eq!(dns.len(), 2, "two ready CoreDNS pods");
    let priority = dns[0].spec.as_ref().and_then(|s| s.priority);
    assert_eq!(priority, Some(2_000_000_000));
    let service = engine
        .store()
        .get::<Service>("kube-system", "kube-dns")
        .expect("kube-dns");
    let ip = service.spec.as_ref().and_then(|s| s.cluster_ip.as_deref());
    assert_eq!(ip, Some("10.96.0.10"));
}
