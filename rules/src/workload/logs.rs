//! Log collection (seed 000): per container, standard output on or off and the log
//! paths collected with their storage, kept in a pod template annotation
//! `logs.berth.dev/<container>` whose value is JSON.

use serde_json::Value;

use crate::walk::At;
use crate::{Findings, Violation};

/// The prefix of the per-container log collection annotation.
pub const LOGS_PREFIX: &str = "logs.berth.dev/";

/// Checks the log annotations of a template against its `containers` (names).
pub(super) fn validate(annotations: &At, containers: &[String], findings: &mut Findings) {
    for (key, at) in annotations.entries() {
        let Some(container) = key.strip_prefix(LOGS_PREFIX) else {
            continue;
        };
        if !containers.iter().any(|c| c == container) {
            findings.error(&at.path, Violation::UnknownContainer);
        }
        let Some(Ok(parsed)) = at.str().map(serde_json::from_str::<Value>) else {
            findings.error(&at.path, Violation::NotJson);
            continue;
        };
        let settings = At {
            value: Some(&parsed),
            path: at.path.clone(),
        };
        for entry in settings.field("paths").items() {
            let path = entry.field("path");
            match path.str() {
                None | Some("") => findings.error(path.path, Violation::Required),
                Some(p) if !p.starts_with('/') => findings.error(path.path, Violation::NotAbsolute),
                Some(_) => {}
            }
            let size = entry.field("size");
            match size.str().map(crate::quantity::parse) {
                None => findings.error(size.path, Violation::Required),
                Some(Err(e)) => findings.error(size.path, e),
                Some(Ok(_)) => {}
            }
        }
    }
}
