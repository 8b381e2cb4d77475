//! The clusters the server serves (`/berth/clusters`): for the switcher, and to know
//! what only the embedded engine has (its image catalog).

use serde::{Deserialize, Serialize};

/// One cluster as `/berth/clusters` lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ClusterEntry {
    /// Its name (the kubeconfig context, or `embedded`).
    pub name: String,
    /// Its API server's address.
    #[serde(default)]
    pub server: String,
    /// Whether the unprefixed paths serve it.
    #[serde(default)]
    pub default: bool,
    /// Whether it is Berth's own engine (with the image catalog), not a real cluster.
    #[serde(default)]
    pub embedded: bool,
}

/// Every cluster the server serves.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ClusterListing {
    /// In the kubeconfig's order, the embedded engine last.
    pub clusters: Vec<ClusterEntry>,
}

impl ClusterListing {
    /// The path it is read from (outside any cluster's prefix).
    pub const PATH: &'static str = "/berth/clusters";

    /// The cluster a page shows: the one its prefix names, or the default one.
    pub fn shown(&self, prefixed: Option<&str>) -> Option<&ClusterEntry> {
        match prefixed {
            Some(name) => self.clusters.iter().find(|e| e.name == name),
            None => self.clusters.iter().find(|e| e.default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ClusterEntry, ClusterListing};

    fn entry(name: &str, default: bool) -> ClusterEntry {
        ClusterEntry {
            name: name.into(),
            server: String::new(),
            default,
            embedded: false,
        }
    }

    #[test]
    fn the_prefix_names_the_cluster_shown_else_the_default() {
        let listing = ClusterListing {
            clusters: vec![entry("east", false), entry("west", true)],
        };
        assert_eq!(
            listing.shown(Some("east")).map(|e| e.name.as_str()),
            Some("east")
        );
        assert_eq!(listing.shown(None).map(|e| e.name.as_str()), Some("west"));
        assert_eq!(listing.shown(Some("north")), None);
    }
}
