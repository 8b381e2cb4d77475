//! Label selectors: the structured kind in specs, and the `?labelSelector=` string form;
//! field selectors ([`fields`]): `?fieldSelector=` over the fields each kind offers.

mod fields;
mod kinds;

pub use fields::{FieldLabels, FieldSelector, Selectable};

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

/// Whether `labels` match a spec's label selector (an empty selector matches nothing,
/// as for workloads upstream).
pub fn matches(selector: &LabelSelector, labels: Option<&BTreeMap<String, String>>) -> bool {
    let empty = BTreeMap::new();
    let labels = labels.unwrap_or(&empty);
    let match_labels = selector.match_labels.as_ref();
    let exprs = selector.match_expressions.as_deref().unwrap_or_default();
    if match_labels.is_none_or(|m| m.is_empty()) && exprs.is_empty() {
        return false;
    }
    let labels_ok = match_labels.is_none_or(|m| map_selects(m, Some(labels)));
    labels_ok
        && exprs.iter().all(|e| {
            let values = e.values.as_deref().unwrap_or_default();
            let value = labels.get(&e.key);
            match e.operator.as_str() {
                "In" => value.is_some_and(|v| values.contains(v)),
                "NotIn" => value.is_none_or(|v| !values.contains(v)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                _ => false,
            }
        })
}

/// Whether `labels` hold every pair of a plain map selector (a Service's `selector`, a
/// pod's `nodeSelector`, a label selector's `matchLabels`); an empty map selects all.
pub fn map_selects(
    selector: &BTreeMap<String, String>,
    labels: Option<&BTreeMap<String, String>>,
) -> bool {
    selector
        .iter()
        .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
}

/// One requirement of a `labelSelector` query string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed `labelSelector` query (`app=web,tier!=db,env in (a,b),!legacy`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector(Vec<Requirement>);

impl Selector {
    /// Parses the query form; `None` when it is malformed.
    pub fn parse(query: &str) -> Option<Selector> {
        let mut reqs = Vec::new();
        for part in split_top_level(query) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let req = if let Some(key) = part.strip_prefix('!') {
                Requirement::NotExists(key.trim().to_owned())
            } else if let Some((k, v)) = part.split_once("!=") {
                Requirement::NotEquals(k.trim().to_owned(), v.trim().to_owned())
            } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                Requirement::Equals(k.trim().to_owned(), v.trim().to_owned())
            } else if let Some((k, set)) = part.split_once(" notin ") {
                Requirement::NotIn(k.trim().to_owned(), parse_set(set)?)
            } else if let Some((k, set)) = part.split_once(" in ") {
                Requirement::In(k.trim().to_owned(), parse_set(set)?)
            } else {
                Requirement::Exists(part.to_owned())
            };
            reqs.push(req);
        }
        Some(Selector(reqs))
    }

    /// Whether the labels satisfy every requirement.
    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        let get = |k: &str| labels.and_then(|l| l.get(k));
        self.0.iter().all(|r| match r {
            Requirement::Equals(k, v) => get(k) == Some(v),
            Requirement::NotEquals(k, v) => get(k) != Some(v),
            Requirement::In(k, vs) => get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => get(k).is_some(),
            Requirement::NotExists(k) => get(k).is_none(),
        })
    }
}

/// Splits on commas that are not inside a `( … )` set.
fn split_top_level(query: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in query.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&query[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&query[start..]);
    parts
}

fn parse_set(set: &str) -> Option<Vec<String>> {
    let inner = set.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(inner.split(',').map(|v| v.trim().to_owned()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn query_forms_match_as_upstream() {
        let l = labels(&[("app", "web"), ("env", "prod")]);
        let yes = [
            "app=web",
            "app==web",
            "app!=db",
            "env in (prod,dev)",
            "env notin (dev)",
            "app",
            "!legacy",
            "app=web,env=prod",
            "",
        ];
        let no = [
            "app=db",
            "env in (dev)",
            "legacy",
            "!app",
            "app=web,env=dev",
        ];
        for q in yes {
            assert!(
                Selector::parse(q).is_some_and(|s| s.matches(Some(&l))),
                "{q}"
            );
        }
        for q in no {
            assert!(
                !Selector::parse(q).is_some_and(|s| s.matches(Some(&l))),
                "{q}"
            );
        }
        assert_eq!(Selector::parse("env in prod"), None);
    }

    #[test]
    fn empty_spec_selector_matches_nothing() {
        let l = labels(&[("app", "web")]);
        assert!(!matches(&LabelSelector::default(), Some(&l)));
        let sel = LabelSelector {
            match_labels: Some(labels(&[("app", "web")])),
            ..Default::default()
        };
        assert!(matches(&sel, Some(&l)));
    }
}
