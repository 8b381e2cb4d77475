//! The `berth` server: the Kubernetes-style API ([`api`]) and the console's pages
//! ([`site`]), both thin adapters over the engine held by a [`cluster::Cluster`].

// Rendering the console's pages nests Leptos view types deeper than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod cluster;
pub mod multiplex;
pub mod site;
