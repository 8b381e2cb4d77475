//! What every create and update from a client passes before it is stored: the target
//! namespace exists and the object keeps its kind's field rules (shared with the form).

use k8s_openapi::api::core::v1::Namespace;

use crate::store::{resource_name, Object, Store};
use crate::{Error, FieldError};

/// Admits `obj`, answering the rules' warnings; an error if a rule is broken or the
/// namespace is missing.
pub fn admit<K: Object>(store: &Store, obj: &K) -> Result<Vec<FieldError>, Error> {
    let meta = obj.metadata();
    let name = meta.name.clone().unwrap_or_default();
    let mut context = rules::Context::default();
    if K::NAMESPACED {
        let namespace = meta.namespace.as_deref().unwrap_or_default();
        if let Some(ns) = store.get::<Namespace>("", namespace) {
            let labels = ns.metadata.labels.as_ref();
            context.gpu_namespace = labels.is_some_and(rules::workload::is_gpu_namespace);
        } else if rules::dns_label(namespace).is_ok() {
            return Err(Error::NotFound {
                kind: resource_name::<Namespace>(),
                name: namespace.to_owned(),
            });
        }
    }
    let findings = obj.validate(context);
    let convert = |errors: Vec<rules::FieldError>| -> Vec<FieldError> {
        errors
            .into_iter()
            .map(|e| FieldError {
                field: e.path,
                message: e.violation.to_string(),
            })
            .collect()
    };
    if !findings.is_valid() {
        return Err(Error::Invalid {
            kind: K::KIND.to_owned(),
            name,
            causes: convert(findings.errors),
        });
    }
    Ok(convert(findings.warnings))
}
