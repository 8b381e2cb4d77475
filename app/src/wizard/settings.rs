//! The pod settings of seed 004 beyond images and resources: security context,
//! lifecycle hooks, log collection, scheduling rules and multi-cluster replica
//! scheduling, each as typed.

use serde::{Deserialize, Serialize};

/// A security context (SPEC §1.2): the pod's, or one container's. Fields that only
/// apply to one of them are left empty on the other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SecurityDraft {
    /// The user id processes run as.
    pub run_as_user: String,
    /// The primary group id.
    pub run_as_group: String,
    /// The group owning mounted volumes (pod only).
    pub fs_group: String,
    /// Refuse to start as root.
    pub run_as_non_root: bool,
    /// Privileged mode (container only).
    pub privileged: bool,
    /// A read-only root file system (container only).
    pub read_only_root: bool,
}

/// How a lifecycle hook acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum HookAction {
    /// No hook.
    #[default]
    None,
    /// Runs a command in the container.
    Exec,
    /// Sends an HTTP GET to the container.
    Http,
}

/// A lifecycle hook: postStart or preStop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct HookDraft {
    /// What it does.
    pub action: HookAction,
    /// The command, one argument per line.
    pub command: String,
    /// HTTP path.
    pub path: String,
    /// HTTP port (number or name).
    pub port: String,
}

/// A log path collected from a container, with the storage it may use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct LogPathDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// The directory or file inside the container.
    pub path: String,
    /// The storage for it (`1Gi`).
    pub size: String,
}

/// How pods are placed relative to each other (seed 004's scheduling rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Spread {
    /// No rule.
    #[default]
    None,
    /// Centralized: the workload's pods together on one node (pod affinity).
    Together,
    /// Decentralized: each on its own node (pod anti-affinity).
    Apart,
}

/// One custom node rule: a node label requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NodeRuleDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// The node label's key.
    pub key: String,
    /// In, NotIn, Exists, DoesNotExist, Gt or Lt.
    pub operator: String,
    /// The values, comma-separated.
    pub values: String,
}

/// How replicas spread over member clusters (SPEC §1.1, seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ClusterMode {
    /// One cluster: no replica scheduling.
    #[default]
    Single,
    /// "Specify replicas": a count per cluster.
    Replicas,
    /// "Specify weights": the total split in proportion to weights.
    Weights,
}

/// One member cluster and its replicas or weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ClusterDraft {
    /// Stable identity for the list's rows.
    pub id: u32,
    /// The member cluster's name.
    pub name: String,
    /// Its replicas or weight, as typed.
    pub value: String,
}
