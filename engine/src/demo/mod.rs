//! The little cluster `make run` starts with: three general-purpose nodes and two GPU
//! nodes, the `default` namespace and a Deployment `nginx-demo` of three pods, and the
//! system namespaces every cluster has, with the cluster DNS in `kube-system`.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec, StatefulSet, StatefulSetSpec,
};
use k8s_openapi::api::core::v1::{Container, ContainerPort, Namespace, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use crate::{Engine, Error, SimulatedNode};

mod system;

/// A namespace object.
pub fn namespace(name: &str) -> Namespace {
    Namespace {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A Deployment of `replicas` pods running one container of `image`, selected by
/// `app: <name>`, listening on port 80.
pub fn deployment(namespace: &str, name: &str, image: &str, replicas: i32) -> Deployment {
    let labels = BTreeMap::from([("app".to_owned(), name.to_owned())]);
    let container = image.split([':', '@']).next().unwrap_or(image);
    let container = container.rsplit('/').next().unwrap_or(container);
    Deployment {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            namespace: Some(namespace.to_owned()),
            labels: Some(labels.clone()),
            ..Default::default()
        },
        spec: Some(DeploymentSpec {
            replicas: Some(replicas),
            selector: LabelSelector {
                match_labels: Some(labels.clone()),
                ..Default::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    containers: vec![Container {
                        name: container.to_owned(),
                        image: Some(image.to_owned()),
                        ports: Some(vec![ContainerPort {
                            container_port: 80,
                            protocol: Some("TCP".to_owned()),
                            ..Default::default()
                        }]),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        status: None,
    }
}

/// A StatefulSet of `replicas` pods like [`deployment`]'s, its pods' domain given by the
/// Service `name`.
pub fn stateful_set(namespace: &str, name: &str, image: &str, replicas: i32) -> StatefulSet {
    let d = deployment(namespace, name, image, replicas);
    let spec = d.spec.unwrap_or_default();
    StatefulSet {
        metadata: d.metadata,
        spec: Some(StatefulSetSpec {
            replicas: spec.replicas,
            selector: spec.selector,
            template: spec.template,
            service_name: Some(name.to_owned()),
            ..Default::default()
        }),
        status: None,
    }
}

/// A DaemonSet whose pods are like [`deployment`]'s.
pub fn daemon_set(namespace: &str, name: &str, image: &str) -> DaemonSet {
    let d = deployment(namespace, name, image, 1);
    let spec = d.spec.unwrap_or_default();
    DaemonSet {
        metadata: d.metadata,
        spec: Some(DaemonSetSpec {
            selector: spec.selector,
            template: spec.template,
            ..Default::default()
        }),
        status: None,
    }
}

/// Fills an empty engine with the demo cluster.
pub fn seed(engine: &mut Engine) -> Result<(), Error> {
    // Two member clusters, so replica scheduling has somewhere to spread (SPEC §1.1),
    // and a GPU node in each for GPU-accelerated pods (of GPU namespaces) only.
    let general = [("node-1", "east"), ("node-2", "east"), ("node-3", "west")];
    let gpu = [("gpu-node-1", "east"), ("gpu-node-2", "west")];
    let nodes = general
        .iter()
        .map(|n| (n, 8, 32, 0))
        .chain(gpu.iter().map(|n| (n, 16, 64, 4)));
    for (number, ((name, cluster), cpu, memory_gib, gpus)) in (1..).zip(nodes) {
        let mut node = SimulatedNode::new(name, number, cpu, memory_gib)
            .label("kubernetes.io/hostname", name)
            .label(rules::workload::CLUSTER_LABEL, cluster);
        if gpus > 0 {
            node = node.gpus(gpus).pod_type("gpu");
        }
        engine.add_simulated_node(node)?;
    }
    engine.create(namespace("default"))?;
    engine.create(deployment("default", "nginx-demo", "nginx:1.27", 3))?;
    system::seed(engine)
}
