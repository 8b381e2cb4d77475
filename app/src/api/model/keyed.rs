//! ConfigMaps and Secrets, for the wizard's key pickers: their names and keys only
//! (a Secret's values never reach the browser's view types).

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::Meta;

/// A ConfigMap or a Secret: an object holding values by key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Keyed {
    /// Its metadata.
    pub metadata: Meta,
    /// Its keys (the values are not read).
    pub data: BTreeMap<String, IgnoredAny>,
}

impl Keyed {
    /// The keys, in order.
    pub fn keys(&self) -> Vec<String> {
        self.data.keys().cloned().collect()
    }
}
