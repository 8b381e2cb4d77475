//! Namespaces as their list shows them: the type the engine labels them with, and
//! whether they are active or being deleted.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::list_query::{by_age, Sortable};
use super::{Meta, Tone};

/// A Namespace with its status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamespaceItem {
    /// Its metadata.
    pub metadata: Meta,
    /// Its phase.
    pub status: NamespaceStatus,
}

/// `status` of a Namespace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamespaceStatus {
    /// `Active` or `Terminating`.
    pub phase: Option<String>,
}

impl NamespaceItem {
    /// Whether GPU pods run here (the engine's `berth.dev/namespace-type: gpu` label).
    pub fn is_gpu(&self) -> bool {
        rules::workload::is_gpu_namespace(&self.metadata.labels)
    }

    /// Whether it is being deleted.
    pub fn is_terminating(&self) -> bool {
        self.metadata.deletion_timestamp.is_some()
            || self.status.phase.as_deref() == Some("Terminating")
    }

    /// Its phase as a word (`Active` when the server has not said).
    pub fn phase(&self) -> &'static str {
        if self.is_terminating() {
            "Terminating"
        } else {
            "Active"
        }
    }

    /// The colour of its phase.
    pub fn tone(&self) -> Tone {
        if self.is_terminating() {
            Tone::Busy
        } else {
            Tone::Good
        }
    }
}

/// The columns of the Namespace list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NamespaceColumn {
    /// The name.
    #[default]
    Name,
    /// General-purpose or GPU.
    Type,
    /// Active or Terminating.
    Status,
    /// When it was created.
    Age,
}

impl Sortable for NamespaceItem {
    type Column = NamespaceColumn;

    fn haystack(&self) -> String {
        let kind = if self.is_gpu() { "gpu" } else { "general" };
        format!("{} {kind} {}", self.metadata.name, self.phase()).to_lowercase()
    }

    fn compare(&self, other: &Self, column: NamespaceColumn) -> Ordering {
        match column {
            NamespaceColumn::Name => self.metadata.name.cmp(&other.metadata.name),
            NamespaceColumn::Type => self.is_gpu().cmp(&other.is_gpu()),
            NamespaceColumn::Status => self.phase().cmp(other.phase()),
            NamespaceColumn::Age => by_age(
                self.metadata.creation_timestamp.as_deref(),
                other.metadata.creation_timestamp.as_deref(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_and_phase_come_from_the_label_and_the_status() {
        let gpu: NamespaceItem = serde_json::from_str(
            r#"{"metadata":{"name":"ml","labels":{"berth.dev/namespace-type":"gpu"}},
                "status":{"phase":"Terminating"}}"#,
        )
        .expect("namespace");
        assert!(gpu.is_gpu());
        assert_eq!(gpu.phase(), "Terminating");
        let plain: NamespaceItem =
            serde_json::from_str(r#"{"metadata":{"name":"web"}}"#).expect("namespace");
        assert!(!plain.is_gpu());
        assert_eq!(plain.phase(), "Active");
        assert_eq!(plain.compare(&gpu, NamespaceColumn::Type), Ordering::Less);
    }
}
