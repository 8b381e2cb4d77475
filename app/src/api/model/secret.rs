//! Secrets as their list shows them: names, types and keys. The values are dropped
//! while the JSON is read, so no view type ever holds one.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::list_query::{by_age, Sortable};
use super::Meta;

/// A Secret, without its values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Secret {
    /// Its metadata.
    pub metadata: Meta,
    /// `Opaque`, `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Its keys: `data` read as a map whose values are skipped unread.
    #[serde(
        rename = "data",
        deserialize_with = "keys_only",
        serialize_with = "keys_as_empty_map"
    )]
    pub keys: Vec<String>,
}

/// Reads a map's keys and skips its values.
fn keys_only<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let map = Option::<BTreeMap<String, IgnoredAny>>::deserialize(deserializer)?;
    Ok(map.unwrap_or_default().into_keys().collect())
}

/// Writes the keys back as a map of empty values (what the server hands the browser
/// when it rendered the page), so it reads back the same.
fn keys_as_empty_map<S: Serializer>(keys: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(keys.iter().map(|k| (k, "")))
}

impl Secret {
    /// The type, `Opaque` when unset (as the API defaults it).
    pub fn type_name(&self) -> &str {
        self.kind.as_deref().unwrap_or("Opaque")
    }
}

/// The columns of the Secret list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretColumn {
    /// The name.
    #[default]
    Name,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// Its type.
    Type,
    /// How many keys it holds.
    Keys,
    /// When it was created.
    Age,
}

impl Sortable for Secret {
    type Column = SecretColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {} {}",
            self.metadata.name,
            self.metadata.namespace,
            self.type_name(),
            self.keys.join(" ")
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: SecretColumn) -> Ordering {
        match column {
            SecretColumn::Name => self.metadata.name.cmp(&other.metadata.name),
            SecretColumn::Namespace => self.metadata.namespace.cmp(&other.metadata.namespace),
            SecretColumn::Type => self.type_name().cmp(other.type_name()),
            SecretColumn::Keys => self.keys.len().cmp(&other.keys.len()),
            SecretColumn::Age => by_age(
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
    fn values_are_never_kept_and_the_keys_survive_a_round_trip() {
        let json = r#"{"metadata":{"name":"db"},"type":"Opaque",
            "data":{"password":"aHVudGVyMg==","user":"cm9vdA=="}}"#;
        let secret: Secret = serde_json::from_str(json).expect("secret");
        assert_eq!(secret.keys, ["password", "user"]);
        let written = serde_json::to_string(&secret).expect("json");
        assert!(!written.contains("aHVudGVyMg=="), "{written}");
        let again: Secret = serde_json::from_str(&written).expect("again");
        assert_eq!(again, secret);
    }

    #[test]
    fn a_secret_without_data_or_type_reads_as_opaque_with_no_keys() {
        let secret: Secret =
            serde_json::from_str(r#"{"metadata":{"name":"x"},"data":null}"#).expect("secret");
        assert!(secret.keys.is_empty());
        assert_eq!(secret.type_name(), "Opaque");
    }
}
