//! ConfigMaps as their list shows them: names, keys and the (non-secret) values.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::list_query::{by_age, Sortable};
use super::Meta;

/// A ConfigMap.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConfigMap {
    /// Its metadata.
    pub metadata: Meta,
    /// Its text values by key.
    pub data: BTreeMap<String, String>,
    /// Its binary values by key (base64; shown by key and size only).
    pub binary_data: BTreeMap<String, String>,
}

impl ConfigMap {
    /// Every key, text and binary, in order.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .data
            .keys()
            .chain(self.binary_data.keys())
            .cloned()
            .collect();
        keys.sort();
        keys
    }
}

/// The columns of the ConfigMap list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfigMapColumn {
    /// The name.
    #[default]
    Name,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// How many keys it holds.
    Keys,
    /// When it was created.
    Age,
}

impl Sortable for ConfigMap {
    type Column = ConfigMapColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {}",
            self.metadata.name,
            self.metadata.namespace,
            self.keys().join(" ")
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: ConfigMapColumn) -> Ordering {
        match column {
            ConfigMapColumn::Name => self.metadata.name.cmp(&other.metadata.name),
            ConfigMapColumn::Namespace => self.metadata.namespace.cmp(&other.metadata.namespace),
            ConfigMapColumn::Keys => self.keys().len().cmp(&other.keys().len()),
            ConfigMapColumn::Age => by_age(
                self.metadata.creation_timestamp.as_deref(),
                other.metadata.creation_timestamp.as_deref(),
            ),
        }
    }
}
