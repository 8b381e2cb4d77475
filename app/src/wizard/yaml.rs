//! The wizard's manifests as YAML (Edit YAML, a pasted manifest), and back.

use serde::Deserialize;
use serde_json::Value;

use super::{import, manifest, Draft};

/// The workload and its Service (if any) as one multi-document YAML text.
pub fn to_yaml(draft: &Draft) -> String {
    let mut docs = vec![manifest::workload(draft)];
    docs.extend(manifest::service(draft));
    documents(&docs)
}

/// Manifests as one multi-document YAML text, as the editor and Confirm show them.
pub fn documents(docs: &[Value]) -> String {
    docs.iter()
        .map(|doc| serde_norway::to_string(doc).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("---\n")
}

/// Why a YAML text gives no draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YamlError {
    /// It is not YAML (the parser's words, with line and column).
    #[error("{0}")]
    Parse(String),
    /// It holds no Deployment, StatefulSet or DaemonSet.
    #[error("no Deployment, StatefulSet or DaemonSet in the YAML")]
    NoWorkload,
}

/// The draft a YAML text stands for: its first workload document (Deployment,
/// StatefulSet or DaemonSet) and its first Service.
pub fn from_yaml(text: &str) -> Result<Draft, YamlError> {
    let mut workload = None;
    let mut service = None;
    for document in serde_norway::Deserializer::from_str(text) {
        let value = Value::deserialize(document).map_err(|e| YamlError::Parse(e.to_string()))?;
        match value["kind"].as_str() {
            Some(kind) if rules::workload::KINDS.contains(&kind) && workload.is_none() => {
                workload = Some(value)
            }
            Some("Service") if service.is_none() => service = Some(value),
            _ => {}
        }
    }
    let workload = workload.ok_or(YamlError::NoWorkload)?;
    Ok(import::draft(&workload, service.as_ref()))
}
