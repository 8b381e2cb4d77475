//! ControllerRevisions: a StatefulSet's or DaemonSet's revisions, each with the pod
//! template it ran (as upstream stores it, a patch of the owner's spec).

use serde::{Deserialize, Serialize};

use super::Meta;

/// A ControllerRevision, as the revision list shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ControllerRevision {
    /// Its metadata; its name is `<owner>-<template hash>`.
    pub metadata: Meta,
    /// Its revision number.
    pub revision: i64,
    /// `{"spec": {"template": …}}`.
    pub data: serde_json::Value,
}

impl super::Listed for ControllerRevision {
    fn meta(&self) -> &Meta {
        &self.metadata
    }
}

impl ControllerRevision {
    /// The pod template it holds.
    pub fn template(&self) -> serde_json::Value {
        self.data["spec"]["template"].clone()
    }

    /// Whether it belongs to the workload `owner`: its name is the owner's, a dash and
    /// a hash (the list is already narrowed to revisions with the owner's pod labels).
    pub fn belongs_to(&self, owner: &str) -> bool {
        self.metadata
            .name
            .strip_prefix(owner)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_alphanumeric()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_holds_its_template_and_names_its_owner() {
        let rev: ControllerRevision = serde_json::from_str(
            r#"{"metadata":{"name":"db-7f9c6b"},"revision":2,"data":{"spec":{"template":{"spec":{"containers":[{"name":"db","image":"redis:7"}]}}}}}"#,
        )
        .expect("revision json");
        assert_eq!(rev.template()["spec"]["containers"][0]["image"], "redis:7");
        assert!(rev.belongs_to("db"));
        assert!(!rev.belongs_to("d"));
        assert!(!rev.belongs_to("db-7f9c6b"));
    }
}
