//! Upstream's `ValidateOwnerReferences`: each reference names its owner's apiVersion,
//! kind, name and uid, and at most one is the controller.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::FieldError;

const FIELD: &str = "metadata.ownerReferences";

/// The broken rules of an object's owner references, at their fields.
pub(super) fn check(meta: &ObjectMeta) -> Vec<FieldError> {
    let references = meta.owner_references.as_deref().unwrap_or_default();
    let mut errors = Vec::new();
    for r in references {
        for (field, value, what) in [
            ("apiVersion", &r.api_version, "version"),
            ("kind", &r.kind, "kind"),
            ("name", &r.name, "name"),
            ("uid", &r.uid, "uid"),
        ] {
            if value.is_empty() {
                errors.push(FieldError {
                    field: format!("{FIELD}.{field}"),
                    message: format!("Invalid value: \"\": {what} must not be empty"),
                });
            }
        }
    }
    let controllers: Vec<String> = references
        .iter()
        .filter(|r| r.controller == Some(true))
        .map(|r| format!("{}/{}", r.kind, r.name))
        .collect();
    if controllers.len() > 1 {
        errors.push(FieldError {
            field: FIELD.to_owned(),
            message: format!(
                "Only one reference can have Controller set to true. Found \"true\" in references for {}",
                controllers.join(" and ")
            ),
        });
    }
    errors
}
