//! Berth's server tests: its API, kubectl, the Python client and cluster mode.
//! One test binary, not one per file: each binary links the crate and its
//! dependencies again, which costs disk and link time.

mod common;

mod api;
mod auth;
mod client_certificates;
mod cluster_mode;
mod create;
mod delivery;
mod kubectl;
mod lists;
mod metrics;
mod python_client;
mod readme;
mod service_accounts;
mod watch;
