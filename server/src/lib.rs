//! The `berth` server: the Kubernetes-style API ([`api`]) over the embedded engine held
//! by a [`cluster::Cluster`], or forwarded to real clusters ([`clusters`]), and the
//! console's pages ([`site`]) over that same API.

// Rendering the console's pages nests Leptos view types deeper than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod assets;
pub mod auth;
pub mod cluster;
pub mod clusters;
pub mod delivery;
pub mod health;
pub mod keys_only;
pub mod metrics_history;
pub mod multiplex;
pub mod options;
pub mod site;
pub mod tls;

/// Berth's version and the commit it was built from, as `--version` prints it.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("BERTH_COMMIT"), ")");
