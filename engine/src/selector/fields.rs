//! `?fieldSelector=`: terms over the fields a kind offers (`status.phase=Running,
//! spec.nodeName!=node-1`). Which fields those are is upstream's per kind: its
//! field-label conversions say which labels a request may name, its `GetAttrs` what
//! each one's value is ([`Selectable`], implemented per kind in `super::kinds`).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::Metadata;

/// The field labels a kind accepts in a field selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldLabels {
    /// Upstream's default for kinds without a conversion of their own:
    /// `metadata.name` and `metadata.namespace`.
    Metadata,
    /// Exactly these (the kind registers its own conversion upstream).
    Only(&'static [&'static str]),
}

/// A kind that can be listed and watched with a field selector.
pub trait Selectable: Metadata<Ty = ObjectMeta> {
    /// The labels a request may name.
    const FIELD_LABELS: FieldLabels = FieldLabels::Metadata;

    /// The value of a label beyond `metadata.*` (`None` selects as the empty string, as
    /// upstream's missing fields do).
    fn field(&self, _label: &str) -> Option<String> {
        None
    }
}

/// One term: a label, `=`/`==` (true) or `!=` (false), and a value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    label: String,
    equal: bool,
    value: String,
}

/// A parsed `fieldSelector` query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSelector(Vec<Term>);

impl FieldSelector {
    /// Parses the query form; `Err` names a malformed term. Whether the kind offers the
    /// labels is [`FieldSelector::check`]'s question.
    pub fn parse(query: &str) -> Result<FieldSelector, String> {
        let mut terms = Vec::new();
        for part in query.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (label, equal, value) = if let Some((l, v)) = part.split_once("!=") {
                (l, false, v)
            } else if let Some((l, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                (l, true, v)
            } else {
                return Err(format!(
                    "invalid selector: '{query}'; can't understand '{part}'"
                ));
            };
            terms.push(Term {
                label: label.trim().to_owned(),
                equal,
                value: value.trim().to_owned(),
            });
        }
        Ok(FieldSelector(terms))
    }

    /// Whether kind `K` offers every label, with upstream's message for the first it
    /// doesn't.
    pub fn check<K: Selectable>(&self) -> Result<(), String> {
        let Some(term) = self.0.iter().find(|t| !offers::<K>(&t.label)) else {
            return Ok(());
        };
        Err(match K::FIELD_LABELS {
            FieldLabels::Metadata => format!(
                "\"{}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                term.label
            ),
            FieldLabels::Only(_) => format!("field label not supported: {}", term.label),
        })
    }

    /// Whether `obj` satisfies every term.
    pub fn matches<K: Selectable>(&self, obj: &K) -> bool {
        self.0.iter().all(|t| {
            let meta = obj.metadata();
            let actual = match t.label.as_str() {
                "metadata.name" => meta.name.clone(),
                "metadata.namespace" => meta.namespace.clone(),
                other => obj.field(other),
            };
            (actual.unwrap_or_default() == t.value) == t.equal
        })
    }
}

fn offers<K: Selectable>(label: &str) -> bool {
    match K::FIELD_LABELS {
        FieldLabels::Metadata => matches!(label, "metadata.name" | "metadata.namespace"),
        FieldLabels::Only(labels) => labels.contains(&label),
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::{Event, ObjectReference, Pod, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    use super::FieldSelector;

    fn meta(name: &str) -> ObjectMeta {
        ObjectMeta {
            name: Some(name.into()),
            namespace: Some("default".into()),
            ..Default::default()
        }
    }

    /// Parses and checks `query` for `K`, then matches `obj`.
    fn select<K: super::Selectable>(obj: &K, query: &str) -> Result<bool, String> {
        let selector = FieldSelector::parse(query)?;
        selector.check::<K>()?;
        Ok(selector.matches(obj))
    }

    #[test]
    fn metadata_fields_for_every_kind() {
        let d = Deployment {
            metadata: meta("web"),
            ..Default::default()
        };
        assert_eq!(select(&d, "metadata.name=web"), Ok(true));
        assert_eq!(
            select(&d, "metadata.name==web,metadata.namespace=default"),
            Ok(true)
        );
        assert_eq!(select(&d, "metadata.name!=web"), Ok(false));
        assert_eq!(select(&d, "metadata.namespace=other"), Ok(false));
        assert_eq!(
            select(&d, "status.replicas=0"),
            Err(
                "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
                    .into()
            )
        );
        assert!(select(&d, "metadata.name").is_err());
    }

    #[test]
    fn pod_fields() {
        let pod = Pod {
            metadata: meta("web-1"),
            spec: Some(PodSpec {
                node_name: Some("node-1".into()),
                ..Default::default()
            }),
            status: Some(PodStatus {
                phase: Some("Running".into()),
                pod_ip: Some("10.244.0.5".into()),
                ..Default::default()
            }),
        };
        assert_eq!(select(&pod, "status.phase=Running"), Ok(true));
        assert_eq!(select(&pod, "status.phase!=Running"), Ok(false));
        assert_eq!(
            select(&pod, "spec.nodeName=node-1,status.podIP=10.244.0.5"),
            Ok(true)
        );
        // The old clients' name for spec.nodeName.
        assert_eq!(select(&pod, "spec.host=node-2"), Ok(false));
        assert_eq!(select(&pod, "spec.hostNetwork=false"), Ok(true));
        // An unset field selects as the empty string.
        assert_eq!(select(&pod, "spec.schedulerName="), Ok(true));
        assert_eq!(
            select(&pod, "spec.color=red"),
            Err("field label not supported: spec.color".into())
        );
    }

    #[test]
    fn event_fields_as_kubectl_describe_asks() {
        let event = Event {
            metadata: meta("web-1.17f"),
            involved_object: ObjectReference {
                kind: Some("Pod".into()),
                name: Some("web-1".into()),
                namespace: Some("default".into()),
                uid: Some("u-1".into()),
                ..Default::default()
            },
            reason: Some("Scheduled".into()),
            type_: Some("Normal".into()),
            ..Default::default()
        };
        let describe = "involvedObject.name=web-1,involvedObject.namespace=default,\
                        involvedObject.kind=Pod,involvedObject.uid=u-1";
        assert_eq!(select(&event, describe), Ok(true));
        assert_eq!(select(&event, "involvedObject.uid=u-2"), Ok(false));
        assert_eq!(select(&event, "reason=Scheduled,type=Normal"), Ok(true));
        assert_eq!(select(&event, "type=Warning"), Ok(false));
    }
}
