//! The rules' tests.
//! One test binary, not one per file: each binary links the crate and its
//! dependencies again, which costs disk and link time.

mod common;

mod batch;
mod pod_settings;
mod pod_status;
mod workload;
