//! One container as typed: image, resources, ports, probes, env, volumes and how it
//! runs, with Kubernetes' defaults to start from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::settings::{HookDraft, LogPathDraft, SecurityDraft};

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

/// What backs a volume (seed 000: disk, file and high-speed file storage; ConfigMap
/// and Secret mounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum VolumeKind {
    /// A scratch directory on the node (`emptyDir`), gone with the pod.
    #[default]
    Local,
    /// A block disk, one per pod (an ephemeral claim, ReadWriteOnce).
    Disk,
    /// File storage (an ephemeral claim, ReadWriteMany).
    File,
    /// High-speed file storage (an ephemeral claim, ReadWriteMany).
    Turbo,
    /// A ConfigMap's keys as files.
    ConfigMap,
    /// A Secret's keys as files.
    Secret,
}

impl VolumeKind {
    /// Every kind, in the form's order.
    pub const ALL: [VolumeKind; 6] = [
        VolumeKind::Local,
        VolumeKind::Disk,
        VolumeKind::File,
        VolumeKind::Turbo,
        VolumeKind::ConfigMap,
        VolumeKind::Secret,
    ];
}

/// One volume with its mount in the container that declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct VolumeDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// The volume's name.
    pub name: String,
    /// What backs it.
    #[serde(default)]
    pub kind: VolumeKind,
    /// The storage class of a disk or file volume (`disk-ssd`).
    #[serde(default)]
    pub disk_type: String,
    /// The ConfigMap or Secret mounted.
    #[serde(default)]
    pub ref_name: String,
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
    /// The container's security context.
    #[serde(default)]
    pub security: SecurityDraft,
    /// Run right after the container starts.
    #[serde(default)]
    pub post_start: HookDraft,
    /// Run before the container is stopped.
    #[serde(default)]
    pub pre_stop: HookDraft,
    /// Mount the node's time zone (`/etc/localtime`), so the container's clock reads as
    /// the host's.
    #[serde(default)]
    pub sync_time_zone: bool,
    /// Collect standard output.
    #[serde(default)]
    pub log_stdout: bool,
    /// Log files collected, with their storage.
    #[serde(default)]
    pub log_paths: Vec<LogPathDraft>,
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
            security: SecurityDraft::default(),
            post_start: HookDraft::default(),
            pre_stop: HookDraft::default(),
            sync_time_zone: false,
            log_stdout: false,
            log_paths: Vec::new(),
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
