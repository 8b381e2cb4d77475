//! The tables of the core group besides pods: Services, ConfigMaps, Secrets, ServiceAccounts,
//! Namespaces, Nodes and Events, with upstream's columns.

use k8s_openapi::api::core::v1::{
    ConfigMap, Event, Namespace, Node, Secret, Service, ServiceAccount,
};
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::age::{self, since_micro, since_time};
use super::selector::format_labels;
use super::{name, Column, Printed, AGE, NAME};

impl Printed for Service {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Type", "type determines how the Service is exposed."),
            Column::text("Cluster-IP", "clusterIP is the IP address of the service."),
            Column::text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            Column::text("Port(s)", "The list of ports that are exposed by this service."),
            AGE,
            Column::text("Selector", "Route service traffic to pods with label keys and values matching this selector.").wide(),
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.clone().unwrap_or_default();
        let kind = spec.type_.clone().unwrap_or_else(|| "ClusterIP".to_owned());
        let cluster_ip = spec
            .cluster_ips
            .as_ref()
            .and_then(|ips| ips.first())
            .or(spec.cluster_ip.as_ref())
            .filter(|ip| !ip.is_empty())
            .map_or("<none>".to_owned(), Clone::clone);
        let external_ips = spec.external_ips.clone().unwrap_or_default();
        let external = match kind.as_str() {
            "ClusterIP" | "NodePort" if !external_ips.is_empty() => external_ips.join(","),
            "ClusterIP" | "NodePort" => "<none>".to_owned(),
            "LoadBalancer" => {
                let mut ips: Vec<String> = self
                    .status
                    .as_ref()
                    .and_then(|s| s.load_balancer.as_ref())
                    .and_then(|lb| lb.ingress.as_ref())
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i.ip.clone().or_else(|| i.hostname.clone()))
                    .collect();
                ips.sort();
                ips.dedup();
                ips.extend(external_ips);
                if ips.is_empty() {
                    "<pending>".to_owned()
                } else {
                    ips.join(",")
                }
            }
            "ExternalName" => spec.external_name.clone().unwrap_or_default(),
            _ => "<unknown>".to_owned(),
        };
        let ports: Vec<String> = spec
            .ports
            .iter()
            .flatten()
            .map(|p| {
                let protocol = p.protocol.as_deref().unwrap_or("TCP");
                match p.node_port.filter(|n| *n > 0) {
                    Some(node_port) => format!("{}:{node_port}/{protocol}", p.port),
                    None => format!("{}/{protocol}", p.port),
                }
            })
            .collect();
        let ports = if ports.is_empty() {
            "<none>".to_owned()
        } else {
            ports.join(",")
        };
        vec![
            json!(name(self)),
            json!(kind),
            json!(cluster_ip),
            json!(external),
            json!(ports),
            age::cell(self.metadata.creation_timestamp.as_ref(), now),
            json!(format_labels(spec.selector.as_ref())),
        ]
    }
}

impl Printed for ConfigMap {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Data", "Data contains the configuration data."),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let count = self.data.as_ref().map_or(0, |d| d.len())
            + self.binary_data.as_ref().map_or(0, |d| d.len());
        vec![
            json!(name(self)),
            json!(count),
            age::cell(self.metadata.creation_timestamp.as_ref(), now),
        ]
    }
}

impl Printed for Secret {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text(
                "Type",
                "Used to facilitate programmatic handling of secret data.",
            ),
            Column::text("Data", "Data contains the secret data."),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(self.type_.as_deref().unwrap_or("Opaque")),
            json!(self.data.as_ref().map_or(0, |d| d.len())),
            age::cell(self.metadata.creation_timestamp.as_ref(), now),
        ]
    }
}

impl Printed for ServiceAccount {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text(
                "Secrets",
                "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
            ),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(self.secrets.as_ref().map_or(0, Vec::len)),
            age::cell(self.metadata.creation_timestamp.as_ref(), now),
        ]
    }
}

impl Printed for Namespace {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Status", "The status of the namespace"),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let phase = self
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| {
                // What upstream's registry fills in when the namespace is created.
                if self.metadata.deletion_timestamp.is_some() {
                    "Terminating".to_owned()
                } else {
                    "Active".to_owned()
                }
            });
        vec![
            json!(name(self)),
            json!(phase),
            age::cell(self.metadata.creation_timestamp.as_ref(), now),
        ]
    }
}

impl Printed for Node {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Status", "The status of the node"),
            Column::text("Roles", "The roles of the node"),
            AGE,
            Column::text("Version", "Kubelet Version reported by the node."),
            Column::text("Internal-IP", "List of addresses reachable to the node.").wide(),
            Column::text("External-IP", "List of addresses reachable to the node.").wide(),
            Column::text("OS-Image", "OS Image reported by the node.").wide(),
            Column::text("Kernel-Version", "Kernel Version reported by the node.").wide(),
            Column::text(
                "Container-Runtime",
                "ContainerRuntime Version reported by the node.",
            )
            .wide(),
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let status = self.status.clone().unwrap_or_default();
        let mut state: Vec<String> = status
            .conditions
            .iter()
            .flatten()
            .filter(|c| c.type_ == "Ready")
            .map(|c| {
                if c.status == "True" {
                    "Ready".to_owned()
                } else {
                    "NotReady".to_owned()
                }
            })
            .take(1)
            .collect();
        if state.is_empty() {
            state.push("Unknown".to_owned());
        }
        if self.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
            state.push("SchedulingDisabled".to_owned());
        }
        let mut roles: Vec<String> = self
            .metadata
            .labels
            .iter()
            .flatten()
            .filter_map(|(k, v)| match k.strip_prefix("node-role.kubernetes.io/") {
                Some(role) if !role.is_empty() => Some(role.to_owned()),
                Some(_) => None,
                None => (k == "kubernetes.io/role" && !v.is_empty()).then(|| v.clone()),
            })
            .collect();
        roles.sort();
        roles.dedup();
        let roles = if roles.is_empty() {
            "<none>".to_owned()
        } else {
            roles.join(",")
        };
        let address = |kind: &str| {
            status
                .addresses
                .iter()
                .flatten()
                .find(|a| a.type_ == kind)
                .map_or("<none>".to_owned(), |a| a.address.clone())
        };
        let info = status.node_info.clone().unwrap_or_default();
        let known = |s: String| {
            if s.is_empty() {
                "<unknown>".to_owned()
            } else {
                s
            }
        };
        vec![
            json!(name(self)),
            json!(state.join(",")),
            json!(roles),
            age::cell(self.metadata.creation_timestamp.as_ref(), now),
            json!(info.kubelet_version),
            json!(address("InternalIP")),
            json!(address("ExternalIP")),
            json!(known(info.os_image)),
            json!(known(info.kernel_version)),
            json!(known(info.container_runtime_version)),
        ]
    }
}

impl Printed for Event {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            Column::text("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            Column::text("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
            Column::text("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
            Column::text("Object", "The object that this event is about."),
            Column::text("Subobject", "The part of the object the event is about.").wide(),
            Column::text("Source", "The component reporting this event.").wide(),
            Column::text("Message", "A human-readable description of the status of this operation."),
            Column::text("First Seen", "The time at which the event was first recorded.").wide(),
            Column::text("Count", "The number of times this event has occurred.").wide(),
            NAME.wide(),
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let first = match self.first_timestamp.as_ref() {
            Some(t) => since_time(Some(t), now),
            None => since_micro(self.event_time.as_ref(), now),
        };
        let mut last = match self.last_timestamp.as_ref() {
            Some(t) => since_time(Some(t), now),
            None => first.clone(),
        };
        let mut count = self.count.unwrap_or(0);
        if let Some(series) = self.series.as_ref() {
            last = since_micro(series.last_observed_time.as_ref(), now);
            count = series.count.unwrap_or(0);
        } else if count == 0 {
            // A singleton event of the newer API has no count.
            count = 1;
        }
        let involved = &self.involved_object;
        let kind = involved.kind.clone().unwrap_or_default().to_lowercase();
        let target = match involved.name.as_deref().filter(|n| !n.is_empty()) {
            Some(n) => format!("{kind}/{n}"),
            None => kind,
        };
        let source = self.source.clone().unwrap_or_default();
        let component = source
            .component
            .filter(|c| !c.is_empty())
            .or_else(|| self.reporting_component.clone())
            .unwrap_or_default();
        let host = source
            .host
            .filter(|h| !h.is_empty())
            .or_else(|| self.reporting_instance.clone())
            .unwrap_or_default();
        let source = if host.is_empty() {
            component
        } else {
            format!("{component}, {host}")
        };
        vec![
            json!(last),
            json!(self.type_.clone().unwrap_or_default()),
            json!(self.reason.clone().unwrap_or_default()),
            json!(target),
            json!(involved.field_path.clone().unwrap_or_default()),
            json!(source),
            json!(self.message.clone().unwrap_or_default().trim()),
            json!(first),
            json!(count),
            json!(name(self)),
        ]
    }
}
