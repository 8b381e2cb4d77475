//! Field rules that the console's form and the engine's API both enforce.
//!
//! Plain functions over plain values, so the browser (WASM) and the server share
//! one definition of what is valid, with one message per broken rule. A workload is
//! checked over its manifest's JSON: the form builds that manifest, the API receives
//! it, and both run [`validate_workload`] on it.

pub mod api_path;
pub mod catalog;
pub mod cron;
mod findings;
pub mod flavour;
mod name;
pub mod pod_status;
pub mod quantity;
mod service;
mod violation;
mod walk;
pub mod workload;

pub use findings::{FieldError, Findings};
pub use name::{
    dns_1035_label, dns_label, dns_subdomain, path_segment_name, workload_name, NameError,
    MAX_SUBDOMAIN, MAX_WORKLOAD_NAME,
};
pub use service::{check_target_ports, validate_service};
pub use violation::Violation;
pub use workload::{validate_workload, Context};
