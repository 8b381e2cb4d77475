//! An object's name and namespace against its kind's naming rule (upstream's
//! `ValidateObjectMeta`): checked by admission for every create, the controllers' too,
//! so that the store only stores.

use crate::store::Object;
use crate::FieldError;

/// What is wrong with the object's name and namespace, as field errors.
pub(crate) fn errors<K: Object>(obj: &K) -> Vec<FieldError> {
    let meta = obj.metadata();
    let mut errors = Vec::new();
    if let Err(e) = K::check_name(meta.name.as_deref().unwrap_or_default()) {
        errors.push(FieldError {
            field: "metadata.name".to_owned(),
            message: e.to_string(),
        });
    }
    if K::NAMESPACED {
        if let Err(e) = rules::dns_label(meta.namespace.as_deref().unwrap_or_default()) {
            errors.push(FieldError {
                field: "metadata.namespace".to_owned(),
                message: e.to_string(),
            });
        }
    }
    errors
}
