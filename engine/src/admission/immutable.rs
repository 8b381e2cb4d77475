//! What an update may not change, as upstream's `Validate*Update` functions: a
//! workload's selector, a StatefulSet's spec beyond its mutable fields, a Job's
//! completions, an immutable ConfigMap's or Secret's data, a Secret's type. Values are
//! written as the apiserver writes them (Go's `%#v`), since clients compare the text.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSetSpec;
use k8s_openapi::api::batch::v1::JobSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use crate::FieldError;

/// Upstream's message for a field that may never change.
const IMMUTABLE: &str = "field is immutable";
/// Upstream's message for the data of a ConfigMap or Secret marked `immutable`.
const SEALED: &str = "field is immutable when `immutable` is set";

/// `field`'s error when `new` differs from `old` (upstream's `ValidateImmutableField`),
/// the new value written by `show`.
fn unchanged<T: PartialEq>(
    new: &T,
    old: &T,
    field: &str,
    show: impl Fn(&T) -> String,
) -> Option<FieldError> {
    (new != old).then(|| FieldError {
        field: field.to_owned(),
        message: format!("Invalid value: {}: {IMMUTABLE}", show(new)),
    })
}

/// A Go string, quoted as `%q` quotes it.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// A label selector as Go's `%#v` writes a `v1.LabelSelector` (`null` for none).
pub(crate) fn go_selector(selector: &Option<LabelSelector>) -> String {
    let Some(selector) = selector else {
        return "null".to_owned();
    };
    let labels = match &selector.match_labels {
        None => "map[string]string(nil)".to_owned(),
        Some(labels) => format!("map[string]string{{{}}}", go_map(labels)),
    };
    let expressions = match &selector.match_expressions {
        None => "[]v1.LabelSelectorRequirement(nil)".to_owned(),
        Some(expressions) => {
            let each: Vec<String> = expressions
                .iter()
                .map(|e| {
                    let values = match &e.values {
                        None => "[]string(nil)".to_owned(),
                        Some(v) => {
                            let v: Vec<String> = v.iter().map(|s| quoted(s)).collect();
                            format!("[]string{{{}}}", v.join(", "))
                        }
                    };
                    format!(
                        "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{values}}}",
                        quoted(&e.key),
                        quoted(&e.operator)
                    )
                })
                .collect();
            format!("[]v1.LabelSelectorRequirement{{{}}}", each.join(", "))
        }
    };
    format!("v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{expressions}}}")
}

fn go_map(map: &BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}:{}", quoted(k), quoted(v)))
        .collect();
    pairs.join(", ")
}

/// A Deployment's, ReplicaSet's or DaemonSet's selector (`spec.selector`).
pub(crate) fn selector(
    new: &Option<LabelSelector>,
    old: &Option<LabelSelector>,
) -> Vec<FieldError> {
    unchanged(new, old, "spec.selector", go_selector)
        .into_iter()
        .collect()
}

/// A StatefulSet: only the fields upstream lists may change.
pub(crate) fn stateful_set(new: &StatefulSetSpec, old: &StatefulSetSpec) -> Vec<FieldError> {
    let mut rest = new.clone();
    rest.replicas = old.replicas;
    rest.ordinals = old.ordinals.clone();
    rest.template = old.template.clone();
    rest.update_strategy = old.update_strategy.clone();
    rest.revision_history_limit = old.revision_history_limit;
    rest.persistent_volume_claim_retention_policy =
        old.persistent_volume_claim_retention_policy.clone();
    rest.min_ready_seconds = old.min_ready_seconds;
    if rest == *old {
        return Vec::new();
    }
    vec![FieldError {
        field: "spec".to_owned(),
        message: "Forbidden: updates to statefulset spec for fields other than 'replicas', \
                  'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', \
                  'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
            .to_owned(),
    }]
}

/// A Job: its selector, and its completions unless it is an elastic Indexed Job
/// (completions moving with parallelism).
pub(crate) fn job(new: &JobSpec, old: &JobSpec) -> Vec<FieldError> {
    let mut errors = selector(&new.selector, &old.selector);
    let indexed = new.completion_mode.as_deref() == Some("Indexed");
    let elastic =
        indexed && new.completions == new.parallelism && old.completions == old.parallelism;
    if !elastic {
        let show = |c: &Option<i32>| c.map_or("null".to_owned(), |c| c.to_string());
        errors.extend(unchanged(
            &new.completions,
            &old.completions,
            "spec.completions",
            show,
        ));
    }
    errors
}

/// The data of a ConfigMap or Secret marked immutable: `immutable` may not be unset,
/// and each data field (`data`, `binaryData`) may not change.
pub(crate) fn sealed(
    new_immutable: Option<bool>,
    old_immutable: Option<bool>,
    data_changed: &[(&str, bool)],
) -> Vec<FieldError> {
    if old_immutable != Some(true) {
        return Vec::new();
    }
    let forbidden = |field: &str| FieldError {
        field: field.to_owned(),
        message: format!("Forbidden: {SEALED}"),
    };
    let mut errors = Vec::new();
    if new_immutable != Some(true) {
        errors.push(forbidden("immutable"));
    }
    for (field, changed) in data_changed {
        if *changed {
            errors.push(forbidden(field));
        }
    }
    errors
}

/// A Secret's type, which never changes.
pub(crate) fn secret_type(new: &Option<String>, old: &Option<String>) -> Vec<FieldError> {
    let show = |t: &Option<String>| quoted(t.as_deref().unwrap_or_default());
    unchanged(new, old, "type", show).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    use super::*;

    #[test]
    fn selectors_are_written_as_go_writes_them() {
        let labels = LabelSelector {
            match_labels: Some(BTreeMap::from([("app".to_owned(), "web".to_owned())])),
            match_expressions: None,
        };
        assert_eq!(
            go_selector(&Some(labels)),
            r#"v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"#
        );
        let expressions = LabelSelector {
            match_labels: None,
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "tier".to_owned(),
                operator: "In".to_owned(),
                values: Some(vec!["a".to_owned(), "b".to_owned()]),
            }]),
        };
        assert_eq!(
            go_selector(&Some(expressions)),
            r#"v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"a", "b"}}}}"#
        );
        assert_eq!(go_selector(&None), "null");
    }
}
