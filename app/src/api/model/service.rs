//! Services: how a workload is reached, as its Access tab shows it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Meta;

/// A Service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    /// Its metadata.
    pub metadata: Meta,
    /// Its type, addresses, ports and selector.
    pub spec: ServiceSpec,
    /// Its external address, once given.
    pub status: ServiceStatus,
}

/// The spec fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceSpec {
    /// `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The host an ExternalName Service stands for.
    pub external_name: Option<String>,
    /// The cluster-internal address.
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    /// The ports it serves.
    pub ports: Vec<ServicePort>,
    /// The pods it sends requests to.
    pub selector: BTreeMap<String, String>,
}

/// One served port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServicePort {
    /// The port clients use.
    pub port: i32,
    /// TCP or UDP.
    pub protocol: Option<String>,
    /// The container port (a number or a port name).
    pub target_port: Option<serde_json::Value>,
}

/// The status fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceStatus {
    /// The load balancer's addresses.
    pub load_balancer: LoadBalancer,
}

/// `status.loadBalancer`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancer {
    /// Its ingress points.
    pub ingress: Vec<Ingress>,
}

/// One ingress point.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ingress {
    /// Its address.
    pub ip: Option<String>,
}

impl Service {
    /// Whether it sends requests to pods with these labels (an ExternalName sends
    /// them to its host, whatever its selector).
    pub fn selects(&self, labels: &BTreeMap<String, String>) -> bool {
        self.spec.kind.as_deref() != Some("ExternalName")
            && !self.spec.selector.is_empty()
            && self
                .spec
                .selector
                .iter()
                .all(|(k, v)| labels.get(k) == Some(v))
    }

    /// The addresses clients reach it at, each with its port: the cluster address, then
    /// the external one.
    pub fn addresses(&self) -> Vec<String> {
        let ips = self.spec.cluster_ip.iter().chain(
            self.status
                .load_balancer
                .ingress
                .iter()
                .filter_map(|i| i.ip.as_ref()),
        );
        ips.filter(|ip| ip.as_str() != "None")
            .flat_map(|ip| {
                self.spec
                    .ports
                    .iter()
                    .map(move |p| format!("{ip}:{}", p.port))
            })
            .collect()
    }

    /// Whether it has an address outside the cluster.
    pub fn is_external(&self) -> bool {
        self.spec.kind.as_deref() == Some("LoadBalancer")
    }
}
