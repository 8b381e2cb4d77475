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

/// A node, for the member clusters its labels name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    /// Its metadata.
    pub metadata: Meta,
}
