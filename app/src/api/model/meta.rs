//! `metadata` of objects and lists.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The metadata fields the console reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Meta {
    /// The object's name.
    pub name: String,
    /// Its namespace (empty for cluster-scoped objects).
    pub namespace: String,
    /// Its uid: what tells two objects of the same name apart.
    pub uid: String,
    /// The version of this state of the object.
    pub resource_version: String,
    /// The spec's version.
    pub generation: i64,
    /// When it was created (RFC 3339).
    pub creation_timestamp: Option<String>,
    /// When it is being deleted, if it is (RFC 3339).
    pub deletion_timestamp: Option<String>,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// Its annotations (a ReplicaSet's revision, a workload's description).
    pub annotations: BTreeMap<String, String>,
    /// Who owns it, by uid only: read, never written back (a write needs the whole
    /// reference).
    #[serde(rename = "ownerReferences", skip_serializing)]
    pub owners: Vec<OwnerUid>,
}

/// An owner reference's uid.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct OwnerUid {
    /// The owner's uid.
    pub uid: String,
}

/// A list's metadata: the resourceVersion a watch resumes from, and where the next
/// chunk of a list read with `limit` starts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ListMeta {
    /// The store's version when the list was read.
    pub resource_version: String,
    /// The token that reads the next chunk, while there is one.
    #[serde(rename = "continue", skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

impl Meta {
    /// What tells objects apart in a list across namespaces, and orders it as the API
    /// does: namespace, then name.
    pub fn key(&self) -> (&str, &str) {
        (&self.namespace, &self.name)
    }

    /// Whether the object with `uid` owns this one.
    pub fn owned_by(&self, uid: &str) -> bool {
        !uid.is_empty() && self.owners.iter().any(|o| o.uid == uid)
    }
}

/// A `<Kind>List`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct List<T> {
    /// The list's metadata.
    pub metadata: ListMeta,
    /// The objects.
    pub items: Vec<T>,
}
