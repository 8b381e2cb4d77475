//! The real kubectl (v1.32) against a Berth server on a loopback port: discovery and
//! tables ([`reads`]); apply (create, then a rolling update and an undo), scale,
//! delete, label, annotate, rollout restart/status and upstream's error messages
//! ([`writes`]); the typed `create` commands, which send protobuf, and `expose`
//! ([`create`]); server-side apply and its field managers ([`apply`]); what clients
//! expect of any cluster ([`fidelity`]); writes to the
//! status subresource ([`subresources`]); `exec` into a container ([`exec`]); `attach` and `run -it` ([`attach`]). [`in_process`] checks the same API surface in process, on virtual
//! time, where kubectl can't look.
//!
//! kubectl runs with its default validation (`--validate=strict`): Berth's minimal
//! OpenAPI tells it the server validates fields itself.

mod apply;
mod attach;
mod batch;
use crate::common;
mod create;
mod exec;
mod explain;
mod fidelity;
mod in_process;
mod reads;
mod subresources;
mod top;
mod writes;

use std::time::Duration;

/// Long enough for pods to pull, start and become available in real time (~1 s each).
const SETTLE: Duration = Duration::from_secs(45);

/// The lines of a table after its header, split into cells.
pub fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect()
}

pub fn header(table: &str) -> Vec<&str> {
    table
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect()
}
