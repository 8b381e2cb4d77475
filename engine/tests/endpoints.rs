//! Each Service with a selector has an Endpoints object: its ready pods' addresses,
//! the not-ready ones apart, on the ports the Service's targetPorts resolve to.

use crate::common;
use crate::scheduling;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::{
    EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service,
};
use engine::TRIGGER_TIME_ANNOTATION;
use scheduling::deployment;
use serde_json::{json, Value};

fn service(c: &mut Cluster, name: &str, selector: Option<Value>, ports: Value) {
    let mut spec = json!({"ports": ports});
    if let Some(selector) = selector {
        spec["selector"] = selector;
    }
    let svc: Service = serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": "default", "labels": {"tier": "front"}},
        "spec": spec,
    }))
    .expect("service");
    c.engine.create(svc).expect("create service");
}

/// The Deployment `web` of nginx, and the Service `web` over it with `ports`.
fn web_behind_service(c: &mut Cluster, replicas: i32, ports: Value) {
    c.engine
        .create(deployment("web", replicas, json!({})))
        .expect("create");
    service(c, "web", Some(json!({"app": "web"})), ports);
}

fn endpoints(c: &Cluster, name: &str) -> Option<Endpoints> {
    c.engine
        .store()
        .get::<Endpoints>("default", name)
        .map(|e| (*e).clone())
}

fn subset(c: &Cluster, name: &str) -> EndpointSubset {
    let subsets = endpoints(c, name)
        .expect("endpoints")
        .subsets
        .expect("subsets");
    assert_eq!(subsets.len(), 1, "{subsets:?}");
    subsets[0].clone()
}

fn pod_names(addresses: &Option<Vec<EndpointAddress>>) -> Vec<String> {
    let mut names: Vec<String> = addresses
        .iter()
        .flatten()
        .filter_map(|a| a.target_ref.as_ref()?.name.clone())
        .collect();
    names.sort();
    names
}

fn pods_named(c: &Cluster, app: &str) -> Vec<Pod> {
    let mut pods: Vec<Pod> = scheduling::pods_of(c, app)
        .into_iter()
        .map(|p| (*p).clone())
        .collect();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    pods
}

#[test]
fn ready_pods_are_addresses_on_the_target_port() {
    let mut c = Cluster::new();
    web_behind_service(
        &mut c,
        3,
        json!([
            {"name": "http", "port": 8080, "targetPort": 80},
        ]),
    );
    let fresh = endpoints(&c, "web").expect("endpoints at once");
    assert!(fresh
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(TRIGGER_TIME_ANNOTATION)));
    assert_eq!(
        fresh.metadata.labels.as_ref().and_then(|l| l.get("tier")),
        Some(&"front".to_owned()),
        "the Service's labels"
    );

    c.run_for(10_000);
    let ready = subset(&c, "web");
    let pods = pods_named(&c, "web");
    let mut expected: Vec<EndpointAddress> = pods
        .iter()
        .map(|p| EndpointAddress {
            ip: p
                .status
                .as_ref()
                .and_then(|s| s.pod_ip.clone())
                .expect("ip"),
            node_name: p.spec.as_ref().and_then(|s| s.node_name.clone()),
            target_ref: Some(engine::k8s_openapi::api::core::v1::ObjectReference {
                kind: Some("Pod".to_owned()),
                namespace: Some("default".to_owned()),
                name: p.metadata.name.clone(),
                uid: p.metadata.uid.clone(),
                ..Default::default()
            }),
            hostname: None,
        })
        .collect();
    expected.sort_by(|a, b| a.ip.cmp(&b.ip));
    assert_eq!(ready.addresses, Some(expected));
    assert_eq!(ready.not_ready_addresses, None);
    assert_eq!(
        ready.ports,
        Some(vec![EndpointPort {
            name: Some("http".to_owned()),
            port: 80,
            protocol: Some("TCP".to_owned()),
            app_protocol: None,
        }])
    );

    // A deleted pod leaves at once, while it still terminates.
    let victim = pods[0].metadata.name.clone().expect("name");
    c.engine
        .delete::<Pod>("default", &victim, None)
        .expect("delete");
    let after = subset(&c, "web");
    assert!(!pod_names(&after.addresses).contains(&victim));
    assert!(!pod_names(&after.not_ready_addresses).contains(&victim));
}

#[test]
fn pods_that_are_not_ready_are_listed_apart() {
    let mut c = Cluster::new();
    // This image never answers its readiness probe.
    let slow = json!({"containers": [{
        "name": "app",
        "image": "team/slow-start:v1",
        "ports": [{"name": "api", "containerPort": 8080}],
        "readinessProbe": {"httpGet": {"path": "/", "port": 8080}, "periodSeconds": 5},
    }]});
    c.engine
        .create(deployment("slow", 2, slow))
        .expect("create");
    service(
        &mut c,
        "slow",
        Some(json!({"app": "slow"})),
        json!([
            {"port": 80, "targetPort": "api"},
        ]),
    );
    c.run_for(90_000);
    let subset = subset(&c, "slow");
    assert_eq!(subset.addresses, None);
    assert_eq!(
        pod_names(&subset.not_ready_addresses),
        pods_named(&c, "slow")
            .iter()
            .filter_map(|p| p.metadata.name.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        subset.ports.expect("ports")[0].port,
        8080,
        "the named port resolved in the pod"
    );
}

#[test]
fn a_named_port_no_container_has_leaves_the_pod_out() {
    let mut c = Cluster::new();
    web_behind_service(
        &mut c,
        1,
        json!([
            {"port": 80, "targetPort": "metrics"},
        ]),
    );
    c.run_for(10_000);
    assert_eq!(endpoints(&c, "web").expect("endpoints").subsets, None);
}

#[test]
fn services_without_a_selector_are_left_to_their_clients() {
    let mut c = Cluster::new();
    service(&mut c, "external", None, json!([{"port": 5432}]));
    assert!(endpoints(&c, "external").is_none());
    let manual: Endpoints = serde_json::from_value(json!({
        "metadata": {"name": "external", "namespace": "default"},
        "subsets": [{"addresses": [{"ip": "192.0.2.10"}], "ports": [{"port": 5432}]}],
    }))
    .expect("endpoints");
    c.engine.create(manual.clone()).expect("create");
    c.run_for(10_000);
    assert_eq!(
        endpoints(&c, "external").expect("kept").subsets,
        manual.subsets
    );
}

#[test]
fn the_endpoints_go_with_their_service() {
    let mut c = Cluster::new();
    web_behind_service(&mut c, 1, json!([{"port": 80}]));
    c.run_for(10_000);
    assert_eq!(subset(&c, "web").ports.expect("ports")[0].port, 80);
    c.engine
        .delete::<Service>("default", "web", None)
        .expect("delete");
    assert!(endpoints(&c, "web").is_none());
}
