//! The little cluster `make run` starts with: three nodes, the `default` namespace and
//! a Deployment `nginx-demo` of three pods.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::core::v1::{Container, ContainerPort, Namespace, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use crate::{Engine, Error};

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

/// Fills an empty engine with the demo cluster.
pub fn seed(engine: &mut Engine) -> Result<(), Error> {
    for (i, name) in ["node-1", "node-2", "node-3"].iter().enumerate() {
        engine.add_node(name, i as u8 + 1, 8, 32)?;
    }
    engine.create(namespace("default"))?;
    engine.create(deployment("default", "nginx-demo", "nginx:1.27", 3))?;
    Ok(())
}
