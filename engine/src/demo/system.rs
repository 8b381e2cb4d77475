//! What every cluster has besides its users' work: the namespaces the API server makes
//! (`kube-system`, `kube-public`, `kube-node-lease`) and, as kubeadm installs it, the
//! cluster DNS: CoreDNS's Deployment and the `kube-dns` Service at `10.96.0.10`.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Service;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::namespace;
use crate::{Engine, Error, FieldError};

/// The system namespaces, then the cluster DNS.
pub(super) fn seed(engine: &mut Engine) -> Result<(), Error> {
    for name in ["kube-system", "kube-public", "kube-node-lease"] {
        engine.create(namespace(name))?;
    }
    engine.create(parsed::<Deployment>(coredns())?)?;
    engine.create(parsed::<Service>(kube_dns())?)?;
    Ok(())
}

fn parsed<K: DeserializeOwned>(manifest: Value) -> Result<K, Error> {
    serde_json::from_value(manifest).map_err(|e| Error::Invalid {
        kind: "demo".to_owned(),
        name: "kube-system".to_owned(),
        causes: vec![FieldError {
            field: String::new(),
            message: e.to_string(),
        }],
    })
}

/// kubeadm's CoreDNS Deployment (its ConfigMap, volume and memory limit left out: a
/// limit must be one of the console's flavours, SPEC §1).
fn coredns() -> Value {
    let labels = json!({"k8s-app": "kube-dns"});
    json!({
        "metadata": {"name": "coredns", "namespace": "kube-system", "labels": labels},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "priorityClassName": "system-cluster-critical",
                    "containers": [{
                        "name": "coredns",
                        "image": "registry.k8s.io/coredns/coredns:v1.11.3",
                        "args": ["-conf", "/etc/coredns/Corefile"],
                        "ports": [
                            {"name": "dns", "containerPort": 53, "protocol": "UDP"},
                            {"name": "dns-tcp", "containerPort": 53, "protocol": "TCP"},
                            {"name": "metrics", "containerPort": 9153, "protocol": "TCP"}
                        ],
                        "resources": {"requests": {"cpu": "100m", "memory": "70Mi"}},
                        "livenessProbe": {
                            "httpGet": {"path": "/health", "port": 8080, "scheme": "HTTP"},
                            "initialDelaySeconds": 60,
                            "timeoutSeconds": 5,
                            "failureThreshold": 5
                        },
                        "readinessProbe": {
                            "httpGet": {"path": "/ready", "port": 8181, "scheme": "HTTP"}
                        }
                    }]
                }
            }
        }
    })
}

/// The Service the pods' `resolv.conf` names (`10.96.0.10`, kubeadm's).
fn kube_dns() -> Value {
    json!({
        "metadata": {
            "name": "kube-dns",
            "namespace": "kube-system",
            "labels": {"k8s-app": "kube-dns", "kubernetes.io/name": "CoreDNS"}
        },
        "spec": {
            "selector": {"k8s-app": "kube-dns"},
            "clusterIP": "10.96.0.10",
            "ports": [
                {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}
            ]
        }
    })
}
