//! Field rules that the console's form and the engine's API both enforce.
//!
//! Plain functions over plain values, so the browser (WASM) and the server share
//! one definition of what is valid, with one message per broken rule.

mod name;

pub use name::{
    dns_label, dns_subdomain, workload_name, NameError, MAX_SUBDOMAIN, MAX_WORKLOAD_NAME,
};
