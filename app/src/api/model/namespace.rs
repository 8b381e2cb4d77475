//! Namespaces.

use serde::{Deserialize, Serialize};

use super::Meta;

/// A namespace, for the switcher.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Namespace {
    /// Its metadata.
    pub metadata: Meta,
}
