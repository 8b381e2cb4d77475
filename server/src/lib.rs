//! The `berth` server: the Kubernetes-style API ([`api`]) and the console's pages
//! ([`site`]), both thin adapters over the engine held by a [`cluster::Cluster`].

pub mod api;
pub mod cluster;
pub mod site;
