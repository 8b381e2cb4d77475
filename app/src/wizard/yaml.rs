//! The wizard's manifests as YAML (Edit YAML, a pasted manifest), and back.

use serde::Deserialize;
use serde_json::Value;

use super::{import, manifest, Draft};

/// The workload and its Service (if any) as one multi-document YAML text.
pub fn to_yaml(draft: &Draft) -> String {
    let mut docs = vec![manifest::workload(draft)];
    docs.extend(manifest::service(draft));
    docs.iter()
        .map(|doc| serde_norway::to_string(doc).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("---\n")
}

/// The draft a YAML text stands for: its first workload document (Deployment,
/// StatefulSet or DaemonSet) and its first Service; an error naming what is wrong.
pub fn from_yaml(text: &str) -> Result<Draft, String> {
    let mut workload = None;
    let mut service = None;
    for document in serde_norway::Deserializer::from_str(text) {
        let value = Value::deserialize(document).map_err(|e| e.to_string())?;
        match value["kind"].as_str() {
            Some(kind) if rules::workload::KINDS.contains(&kind) && workload.is_none() => {
                workload = Some(value)
            }
            Some("Service") if service.is_none() => service = Some(value),
            _ => {}
        }
    }
    let workload =
        workload.ok_or_else(|| "no Deployment, StatefulSet or DaemonSet in the YAML".to_owned())?;
    Ok(import::draft(&workload, service.as_ref()))
}
