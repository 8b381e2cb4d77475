//! What the wizard has been told so far: every field as typed (text stays text, so
//! nothing is lost or silently changed), with Kubernetes' defaults to start from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// Where an environment variable's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum EnvSource {
    /// Typed in.
    #[default]
    Value,
    /// The pod's IP (`status.podIP`).
    PodIp,
    /// The pod's name (`metadata.name`).
    PodName,
    /// A key of a Secret.
    Secret,
    /// A key of a ConfigMap.
    ConfigMap,
}

/// How a probe checks the container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Check {
    /// HTTP GET, healthy on 200–399.
    #[default]
    Http,
    /// A TCP connection opens.
    Tcp,
    /// A command exits 0.
    Exec,
}

/// One environment variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EnvDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// The variable's name.
    pub name: String,
    /// Where its value comes from.
    pub source: EnvSource,
    /// The value, for [`EnvSource::Value`].
    pub value: String,
    /// The Secret or ConfigMap.
    pub ref_name: String,
    /// Its key.
    pub ref_key: String,
}

/// One container port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// TCP, UDP or SCTP.
    pub protocol: String,
    /// An optional IANA-style name.
    pub name: String,
    /// The port number, as typed.
    pub port: String,
}

/// One health check (liveness, readiness or startup).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeDraft {
    /// Whether the container has this probe.
    pub enabled: bool,
    /// How it checks.
    pub check: Check,
    /// HTTP path.
    pub path: String,
    /// HTTP or TCP port (number or port name).
    pub port: String,
    /// HTTP or HTTPS.
    pub scheme: String,
    /// The command, one argument per line.
    pub command: String,
    /// The five timing parameters, as typed, in [`rules::workload::PROBE_DEFAULTS`] order.
    pub parameters: [String; 5],
}

impl Default for ProbeDraft {
    fn default() -> Self {
        ProbeDraft {
            enabled: false,
            check: Check::Http,
            path: "/".to_owned(),
            port: String::new(),
            scheme: "HTTP".to_owned(),
            command: String::new(),
            parameters: rules::workload::PROBE_DEFAULTS.map(|p| p.default.to_string()),
        }
    }
}

/// One volume with its mount in the container that declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct VolumeDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// The volume's name.
    pub name: String,
    /// Its capacity (`10Gi`).
    pub capacity: String,
    /// Where the container sees it.
    pub mount_path: String,
    /// A source other than an empty-dir disk, kept as the YAML gave it.
    #[serde(default)]
    pub source: Option<Value>,
}

/// One container of the pod.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainerDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// An init container (runs to completion before the others start).
    pub init: bool,
    /// The image repository.
    pub image: String,
    /// The image tag.
    pub tag: String,
    /// The container's name.
    pub name: String,
    /// Whether the name was typed (then the image no longer fills it).
    pub name_edited: bool,
    /// CPU request (`250m`).
    pub cpu_request: String,
    /// Memory request (`512Mi`).
    pub memory_request: String,
    /// CPU limit.
    pub cpu_limit: String,
    /// Memory limit.
    pub memory_limit: String,
    /// GPU limit (devices).
    pub gpu_limit: String,
    /// The GPU resource name.
    pub gpu_type: String,
    /// IfNotPresent, Always or Never.
    pub pull_policy: String,
    /// The ports it listens on.
    pub ports: Vec<PortDraft>,
    /// Liveness, readiness and startup, in that order.
    pub probes: [ProbeDraft; 3],
    /// Entrypoint override, one argument per line.
    pub command: String,
    /// Arguments, one per line.
    pub args: String,
    /// Environment variables.
    pub env: Vec<EnvDraft>,
    /// Volumes mounted into this container.
    pub volumes: Vec<VolumeDraft>,
    /// The container's fields the form has no control for, kept from the YAML.
    #[serde(default)]
    pub extra: Value,
}

impl ContainerDraft {
    /// A new, empty main container.
    pub fn new(id: u32) -> Self {
        ContainerDraft {
            id,
            init: false,
            image: String::new(),
            tag: "latest".to_owned(),
            name: String::new(),
            name_edited: false,
            cpu_request: "250m".to_owned(),
            memory_request: "512Mi".to_owned(),
            cpu_limit: "500m".to_owned(),
            memory_limit: "1Gi".to_owned(),
            gpu_limit: String::new(),
            gpu_type: "nvidia.com/gpu".to_owned(),
            pull_policy: "IfNotPresent".to_owned(),
            ports: Vec::new(),
            probes: Default::default(),
            command: String::new(),
            args: String::new(),
            env: Vec::new(),
            volumes: Vec::new(),
            extra: Value::Null,
        }
    }

    /// Sets the image, filling the name and the default ports from the catalog unless
    /// the person already set them.
    pub fn set_image(&mut self, image: String, next_id: &mut u32) {
        if !self.name_edited {
            self.name = rules::catalog::container_name_for(&image);
        }
        if self.ports.is_empty() {
            for port in rules::catalog::find(&image)
                .map(|i| i.ports)
                .unwrap_or_default()
            {
                *next_id += 1;
                self.ports.push(PortDraft {
                    id: *next_id,
                    protocol: "TCP".to_owned(),
                    name: String::new(),
                    port: port.to_string(),
                });
            }
        }
        self.image = image;
    }
}

/// The whole wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Deployment, StatefulSet or DaemonSet.
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
    /// The Service's port.
    pub service_port: String,
    /// The container port it forwards to.
    pub target_port: String,
    /// RollingUpdate or Recreate.
    pub strategy: String,
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
    /// The last id handed out to a list row.
    pub next_id: u32,
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
            service_port: "80".to_owned(),
            target_port: "80".to_owned(),
            strategy: "RollingUpdate".to_owned(),
            max_surge: "25%".to_owned(),
            max_unavailable: "25%".to_owned(),
            min_ready_seconds: "0".to_owned(),
            dns_mode: default_dns_mode(),
            nameservers: String::new(),
            searches: String::new(),
            dns_options: String::new(),
            next_id: 1,
            extra: Value::Null,
        }
    }
}

impl Draft {
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

    /// The container with `id`.
    pub fn container(&self, id: u32) -> Option<&ContainerDraft> {
        self.containers.iter().find(|c| c.id == id)
    }
}

fn default_dns_mode() -> String {
    "default".to_owned()
}
