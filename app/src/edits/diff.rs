//! A line diff between two revisions' templates, as YAML.

use serde_json::Value;
use similar::{ChangeTag, TextDiff};

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    /// In both.
    Same(String),
    /// Only in the older one.
    Removed(String),
    /// Only in the newer one.
    Added(String),
}

/// The lines of `older` and `newer` (pod templates) as YAML, with what changed marked.
pub fn line_diff(older: &Value, newer: &Value) -> Vec<DiffLine> {
    let (a, b) = (yaml(older), yaml(newer));
    TextDiff::from_lines(&a, &b)
        .iter_all_changes()
        .map(|change| {
            let line = change.value().trim_end_matches('\n').to_owned();
            match change.tag() {
                ChangeTag::Equal => DiffLine::Same(line),
                ChangeTag::Delete => DiffLine::Removed(line),
                ChangeTag::Insert => DiffLine::Added(line),
            }
        })
        .collect()
}

fn yaml(template: &Value) -> String {
    let mut template = template.clone();
    // Every revision's hash differs: it would be noise in every diff.
    if let Some(labels) = template
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove("pod-template-hash");
    }
    serde_norway::to_string(&template).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_changed_image_differs() {
        let older = json!({"metadata": {"labels": {"app": "web", "pod-template-hash": "a"}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}});
        let newer = json!({"metadata": {"labels": {"app": "web", "pod-template-hash": "b"}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}});
        let changed: Vec<DiffLine> = line_diff(&older, &newer)
            .into_iter()
            .filter(|l| !matches!(l, DiffLine::Same(_)))
            .collect();
        assert_eq!(changed.len(), 2, "{changed:?}");
        assert!(matches!(&changed[0], DiffLine::Removed(l) if l.contains("image: nginx:1.25")));
        assert!(matches!(&changed[1], DiffLine::Added(l) if l.contains("image: nginx:1.27")));
    }
}
