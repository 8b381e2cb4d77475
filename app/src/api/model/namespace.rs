//! Namespaces and nodes: objects the console knows by name and labels only.

use serde::{Deserialize, Serialize};

use super::Meta;

/// A namespace, for the switcher.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Namespace {
    /// Its metadata.
    pub metadata: Meta,
}

/// A node: the member cluster its labels name, and its capacity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    /// Its metadata.
    pub metadata: Meta,
    /// Its capacity.
    pub status: NodeStatus,
}

/// The node status fields read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeStatus {
    /// What pods may use (`cpu`, `memory`, `pods`) as quantities.
    pub allocatable: std::collections::BTreeMap<String, String>,
}
