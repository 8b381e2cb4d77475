//! Upstream's defaulting of what a client leaves unset: a Deployment's strategy,
//! history limit and progress deadline; a Secret's type; a Service's type, session
//! affinity and ports.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::Deployment;
use engine::k8s_openapi::api::core::v1::{Secret, Service};
use engine::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::json;

#[test]
fn a_deployment_gets_upstreams_strategy_and_limits() {
    let mut c = Cluster::new();
    let mut d = demo::deployment("default", "web", "nginx:1.27", 2);
    let spec = d.spec.as_mut().expect("spec");
    spec.strategy = None;
    spec.revision_history_limit = None;
    spec.progress_deadline_seconds = None;
    c.engine.create(d).expect("create");
    let d = c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("web");
    let spec = d.spec.as_ref().expect("spec");
    let strategy = spec.strategy.as_ref().expect("strategy");
    assert_eq!(strategy.type_.as_deref(), Some("RollingUpdate"));
    let rolling = strategy.rolling_update.as_ref().expect("rollingUpdate");
    let quarter = Some(IntOrString::String("25%".to_owned()));
    assert_eq!(rolling.max_surge, quarter);
    assert_eq!(rolling.max_unavailable, quarter);
    assert_eq!(spec.revision_history_limit, Some(10));
    assert_eq!(spec.progress_deadline_seconds, Some(600));
}

#[test]
fn a_recreate_deployment_keeps_no_rolling_parameters() {
    let mut c = Cluster::new();
    let mut d = demo::deployment("default", "web", "nginx:1.27", 1);
    let spec = d.spec.as_mut().expect("spec");
    spec.strategy = serde_json::from_value(json!({"type": "Recreate"})).expect("strategy");
    spec.revision_history_limit = Some(3);
    c.engine.create(d).expect("create");
    let d = c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("web");
    let spec = d.spec.as_ref().expect("spec");
    let strategy = spec.strategy.as_ref().expect("strategy");
    assert_eq!(strategy.rolling_update, None);
    assert_eq!(spec.revision_history_limit, Some(3));
}

#[test]
fn a_secret_is_opaque_unless_typed() {
    let mut c = Cluster::new();
    let secret: Secret = serde_json::from_value(json!({
        "metadata": {"name": "s", "namespace": "default"},
        "stringData": {"k": "v"},
    }))
    .expect("secret");
    let created = c.engine.create(secret).expect("create");
    assert_eq!(created.type_.as_deref(), Some("Opaque"));
}

#[test]
fn a_service_gets_its_type_affinity_and_ports_defaulted() {
    let mut c = Cluster::new();
    let svc: Service = serde_json::from_value(json!({
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [
            {"name": "http", "port": 80},
            {"name": "admin", "port": 9090, "targetPort": "admin", "protocol": "UDP"},
        ]},
    }))
    .expect("service");
    let created = c.engine.create(svc).expect("create");
    let spec = created.spec.as_ref().expect("spec");
    assert_eq!(spec.type_.as_deref(), Some("ClusterIP"));
    assert_eq!(spec.session_affinity.as_deref(), Some("None"));
    let ports = spec.ports.as_ref().expect("ports");
    assert_eq!(ports[0].protocol.as_deref(), Some("TCP"));
    assert_eq!(ports[0].target_port, Some(IntOrString::Int(80)));
    assert_eq!(ports[1].protocol.as_deref(), Some("UDP"));
    assert_eq!(
        ports[1].target_port,
        Some(IntOrString::String("admin".to_owned()))
    );
}
