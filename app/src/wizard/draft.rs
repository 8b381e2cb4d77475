//! What the wizard has been told so far: every field as typed (text stays text, so
//! nothing is lost or silently changed), with Kubernetes' defaults to start from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::container_draft::{
    Check, ContainerDraft, EnvDraft, EnvSource, PortDraft, ProbeDraft, VolumeDraft, VolumeKind,
};
use super::settings::{ClusterDraft, ClusterMode, NodeRuleDraft, SecurityDraft, Spread};

/// How the workload is reached (SPEC §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Access {
    /// No Service.
    #[default]
    None,
    /// A ClusterIP Service: a cluster-internal address.
    Intranet,
    /// A LoadBalancer Service: an external address.
    Internet,
}

/// The whole wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Deployment, StatefulSet, DaemonSet, Job or CronJob.
    pub kind: String,
    /// The workload's name.
    pub name: String,
    /// Its namespace.
    pub namespace: String,
    /// A free-text description.
    pub description: String,
    /// Desired pods, as typed.
    pub replicas: String,
    /// general, rdma or gpu.
    pub pod_type: String,
    /// The pod's containers, init containers marked.
    pub containers: Vec<ContainerDraft>,
    /// How it is reached.
    pub access: Access,
    /// The Service's name, once typed (see [`Draft::service_name`]).
    #[serde(default)]
    pub service_name: Option<String>,
    /// The Service's port, once chosen (see [`Draft::service_ports`]).
    pub service_port: String,
    /// The container port it forwards to, once chosen.
    pub target_port: String,
    /// Whether the Service's ports were typed (or read from a manifest); until then
    /// they follow the containers' first port.
    #[serde(default)]
    pub service_ports_chosen: bool,
    /// RollingUpdate, or Recreate (Deployment) / OnDelete (StatefulSet, DaemonSet).
    pub strategy: String,
    /// StatefulSet: pods with an ordinal at or above it are updated.
    #[serde(default)]
    pub partition: String,
    /// StatefulSet: OrderedReady or Parallel.
    #[serde(default = "default_pod_management")]
    pub pod_management: String,
    /// Rolling: most extra pods.
    pub max_surge: String,
    /// Rolling: most pods down.
    pub max_unavailable: String,
    /// Seconds a new pod must be ready to count as available.
    pub min_ready_seconds: String,
    /// DNS: `default` (the cluster's), `append` (ClusterFirst plus these) or `replace`
    /// (policy None: only these).
    #[serde(default = "default_dns_mode")]
    pub dns_mode: String,
    /// Name servers, one per line.
    #[serde(default)]
    pub nameservers: String,
    /// Search domains, one per line.
    #[serde(default)]
    pub searches: String,
    /// Resolver options, one `name` or `name=value` per line.
    #[serde(default)]
    pub dns_options: String,
    /// The pod's security context.
    #[serde(default)]
    pub security: SecurityDraft,
    /// Centralized or decentralized pods.
    #[serde(default)]
    pub spread: Spread,
    /// Custom rules: node labels the pods' nodes must have.
    #[serde(default)]
    pub node_rules: Vec<NodeRuleDraft>,
    /// Replica scheduling over member clusters.
    #[serde(default)]
    pub cluster_mode: ClusterMode,
    /// The member clusters chosen, with replicas or weights.
    #[serde(default)]
    pub clusters: Vec<ClusterDraft>,
    /// The last id handed out to a list row.
    pub next_id: u32,
    /// A Job's or CronJob's own fields.
    #[serde(default)]
    pub batch: super::batch::BatchDraft,
    /// The workload's fields the form has no control for, kept from the YAML.
    #[serde(default)]
    pub extra: Value,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            kind: "Deployment".to_owned(),
            name: String::new(),
            namespace: "default".to_owned(),
            description: String::new(),
            replicas: "2".to_owned(),
            pod_type: "general".to_owned(),
            containers: vec![ContainerDraft::new(1)],
            access: Access::None,
            service_name: None,
            service_port: String::new(),
            target_port: String::new(),
            service_ports_chosen: false,
            strategy: "RollingUpdate".to_owned(),
            partition: "0".to_owned(),
            pod_management: default_pod_management(),
            max_surge: "25%".to_owned(),
            max_unavailable: "25%".to_owned(),
            min_ready_seconds: "0".to_owned(),
            dns_mode: default_dns_mode(),
            nameservers: String::new(),
            searches: String::new(),
            dns_options: String::new(),
            security: SecurityDraft::default(),
            spread: Spread::None,
            node_rules: Vec::new(),
            cluster_mode: ClusterMode::Single,
            clusters: Vec::new(),
            next_id: 1,
            batch: Default::default(),
            extra: Value::Null,
        }
    }
}

impl Draft {
    /// The Service's name: as typed, else the workload's (a Service must start with a
    /// letter and hold no dots, which a workload's name may, so it can be changed).
    pub fn service_name(&self) -> &str {
        self.service_name.as_deref().unwrap_or(&self.name)
    }

    /// The Service's port and target port: as chosen, else the first port a main
    /// container declares (80 when none does), so a redis on 6379 is reached on 6379.
    pub fn service_ports(&self) -> (String, String) {
        if self.service_ports_chosen {
            return (self.service_port.clone(), self.target_port.clone());
        }
        let first = self
            .containers
            .iter()
            .filter(|c| !c.init)
            .flat_map(|c| &c.ports)
            .map(|p| p.port.trim())
            .find(|p| !p.is_empty())
            .unwrap_or("80");
        (first.to_owned(), first.to_owned())
    }

    /// Chooses the Service's ports: `write` edits them, the one not edited keeps what
    /// it showed.
    pub fn choose_service_ports(&mut self, write: impl FnOnce(&mut String, &mut String)) {
        let (port, target) = self.service_ports();
        (self.service_port, self.target_port) = (port, target);
        self.service_ports_chosen = true;
        write(&mut self.service_port, &mut self.target_port);
    }

    /// A fresh id for a list row.
    pub fn new_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// The container with `id`, to edit.
    pub fn container_mut(&mut self, id: u32) -> Option<&mut ContainerDraft> {
        self.containers.iter_mut().find(|c| c.id == id)
    }

    /// Sizes the main containers to `flavour`, shared evenly, requests equal to limits
    /// (the first container takes the GPUs).
    pub fn apply_flavour(&mut self, flavour: rules::flavour::Flavour) {
        let share = self.containers.iter().filter(|c| !c.init).count() as u32;
        let (cpu, memory) = rules::flavour::as_limits(flavour, share);
        for (i, c) in self.containers.iter_mut().filter(|c| !c.init).enumerate() {
            c.cpu_request = cpu.clone();
            c.cpu_limit = cpu.clone();
            c.memory_request = memory.clone();
            c.memory_limit = memory.clone();
            c.gpu_limit = if i == 0 && flavour.gpu > 0 {
                flavour.gpu.to_string()
            } else {
                String::new()
            };
        }
    }

    /// Changes the workload's kind, moving the strategy to one the kind has and its
    /// console defaults (seed 004: a DaemonSet's max unavailable is 20%, it doesn't
    /// surge).
    pub fn set_kind(&mut self, kind: String) {
        let rolling = self.strategy == "RollingUpdate";
        match kind.as_str() {
            "Deployment" => {
                self.strategy = if rolling { "RollingUpdate" } else { "Recreate" }.to_owned();
                self.max_surge = "25%".to_owned();
                self.max_unavailable = "25%".to_owned();
            }
            "DaemonSet" => {
                self.strategy = if rolling { "RollingUpdate" } else { "OnDelete" }.to_owned();
                self.max_surge = "0".to_owned();
                self.max_unavailable = "20%".to_owned();
            }
            _ => {
                self.strategy = if rolling { "RollingUpdate" } else { "OnDelete" }.to_owned();
                self.max_surge = String::new();
                self.max_unavailable = String::new();
            }
        }
        self.kind = kind;
    }

    /// The container with `id`.
    pub fn container(&self, id: u32) -> Option<&ContainerDraft> {
        self.containers.iter().find(|c| c.id == id)
    }
}

fn default_pod_management() -> String {
    "OrderedReady".to_owned()
}

fn default_dns_mode() -> String {
    "default".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::container_draft::PortDraft;

    fn listening_on(port: &str) -> Draft {
        let mut draft = Draft::default();
        draft.containers[0].ports = vec![PortDraft {
            id: 9,
            protocol: "TCP".into(),
            name: String::new(),
            port: port.into(),
        }];
        draft
    }

    #[test]
    fn the_service_follows_the_container_port_until_one_is_typed() {
        let mut draft = listening_on("6379");
        assert_eq!(draft.service_ports(), ("6379".into(), "6379".into()));
        assert_eq!(Draft::default().service_ports(), ("80".into(), "80".into()));
        draft.choose_service_ports(|port, _| *port = "16379".into());
        draft.containers[0].ports[0].port = "6380".into();
        // Chosen: the container's later change no longer moves either port.
        assert_eq!(draft.service_ports(), ("16379".into(), "6379".into()));
        draft.choose_service_ports(|_, target| target.clear());
        assert_eq!(draft.service_ports(), ("16379".into(), String::new()));
    }

    #[test]
    fn the_service_is_named_after_the_workload_until_a_name_is_typed() {
        let mut draft = listening_on("80");
        draft.name = "web.v2".into();
        draft.access = Access::Intranet;
        assert_eq!(draft.service_name(), "web.v2");
        draft.service_name = Some("web-v2".into());
        let service = crate::wizard::manifest::service(&draft).expect("a Service");
        assert_eq!(service["metadata"]["name"], "web-v2");
        // It still selects the workload's pods, by the workload's name.
        assert_eq!(service["spec"]["selector"]["app"], "web.v2");
        let workload = crate::wizard::manifest::workload(&draft);
        let read = crate::wizard::import::draft(&workload, Some(&service));
        assert_eq!(read.service_name(), "web-v2");
        let same = crate::wizard::import::draft(&workload, None);
        assert_eq!(same.service_name, None);
    }
}
