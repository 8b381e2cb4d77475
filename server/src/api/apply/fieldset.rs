//! Field sets, as `metadata.managedFields` records them (`fieldsType: FieldsV1`): the
//! paths a manager owns, each a list of upstream's path elements — `f:<field>` for a
//! map's field, `k:{"name":"web"}` for a list element by its merge key, `v:<value>` for
//! an element of a set, `.` for a list element itself.
//!
//! The structure is an approximation of upstream's schemas: maps are granular, lists
//! with a strategic-merge key (containers by name, ports, env…) are keyed, other lists
//! are atomic (owned whole).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::api::patch::keys::{list_merge, ListMerge};

/// One owned field: its path elements from the object's root.
pub type Path = Vec<String>;

/// A set of owned fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSet(pub BTreeSet<Path>);

/// Fields no manager owns: identity, bookkeeping, and status (which a write to the
/// main resource doesn't set).
const UNOWNED_META: &[&str] = &[
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
];

impl FieldSet {
    /// The fields `object` sets.
    pub fn of(object: &Value) -> FieldSet {
        let mut set = BTreeSet::new();
        if let Value::Object(map) = object {
            for (name, value) in map {
                match name.as_str() {
                    "apiVersion" | "kind" | "status" => {}
                    "metadata" => {
                        let mut meta = value.clone();
                        if let Value::Object(m) = &mut meta {
                            m.retain(|k, _| !UNOWNED_META.contains(&k.as_str()));
                        }
                        if meta.as_object().is_some_and(|m| !m.is_empty()) {
                            walk(
                                &meta,
                                &mut vec![field(name)],
                                &mut vec![name.clone()],
                                &mut set,
                            );
                        }
                    }
                    _ => walk(
                        value,
                        &mut vec![field(name)],
                        &mut vec![name.clone()],
                        &mut set,
                    ),
                }
            }
        }
        FieldSet(set)
    }

    /// The fields whose value differs between `before` and `after` (set in either).
    pub fn changed(before: &Value, after: &Value) -> FieldSet {
        let (old, new) = (FieldSet::of(before), FieldSet::of(after));
        let all = old.0.union(&new.0);
        FieldSet(
            all.filter(|p| get(before, p) != get(after, p))
                .cloned()
                .collect(),
        )
    }

    /// The set as `fieldsV1` JSON: nested objects, an empty one per owned leaf.
    pub fn to_json(&self) -> Value {
        let mut root = Map::new();
        for path in &self.0 {
            let mut node = &mut root;
            for element in path {
                let child = node
                    .entry(element.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                let Value::Object(next) = child else { break };
                node = next;
            }
        }
        Value::Object(root)
    }

    /// A `fieldsV1` JSON object as a set.
    pub fn from_json(json: &Value) -> FieldSet {
        fn collect(node: &Map<String, Value>, path: &mut Path, out: &mut BTreeSet<Path>) {
            for (element, child) in node {
                path.push(element.clone());
                match child.as_object() {
                    Some(children) if !children.is_empty() => collect(children, path, out),
                    _ => {
                        out.insert(path.clone());
                    }
                }
                path.pop();
            }
        }
        let mut out = BTreeSet::new();
        if let Some(root) = json.as_object() {
            collect(root, &mut Vec::new(), &mut out);
        }
        FieldSet(out)
    }
}

fn field(name: &str) -> String {
    format!("f:{name}")
}

/// Adds the leaves of `value`, found at `path` (`fields` are the JSON field names on
/// the way, for the list strategies).
fn walk(value: &Value, path: &mut Path, fields: &mut Vec<String>, out: &mut BTreeSet<Path>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (name, child) in map {
                path.push(field(name));
                fields.push(name.clone());
                walk(child, path, fields, out);
                fields.pop();
                path.pop();
            }
        }
        Value::Array(items) => match list_merge(fields) {
            ListMerge::ByKey(key) => {
                for item in items {
                    let Some(element) = key_element(item, key) else {
                        out.insert(path.clone());
                        continue;
                    };
                    path.push(element);
                    path.push(".".to_owned());
                    out.insert(path.clone());
                    path.pop();
                    walk(item, path, fields, out);
                    path.pop();
                }
            }
            ListMerge::Union => {
                for item in items {
                    path.push(format!("v:{item}"));
                    out.insert(path.clone());
                    path.pop();
                }
            }
            ListMerge::Replace => {
                out.insert(path.clone());
            }
        },
        _ => {
            out.insert(path.clone());
        }
    }
}

/// `k:{"name":"web"}` for an element whose merge key is `key`.
fn key_element(item: &Value, key: &str) -> Option<String> {
    let value = item.get(key)?;
    let mut keys = BTreeMap::new();
    keys.insert(key, value);
    serde_json::to_string(&keys).ok().map(|k| format!("k:{k}"))
}

/// The value at `path` in `object`, if it is there.
pub fn get<'a>(object: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut at = object;
    for element in path {
        at = step(at, element)?;
    }
    Some(at)
}

/// One step down: a field, a keyed element, a set's value, or `.` (the element).
fn step<'a>(at: &'a Value, element: &str) -> Option<&'a Value> {
    if element == "." {
        return Some(at);
    }
    if let Some(name) = element.strip_prefix("f:") {
        return at.get(name);
    }
    let items = at.as_array()?;
    if let Some(key) = element.strip_prefix("k:") {
        let key: Map<String, Value> = serde_json::from_str(key).ok()?;
        return items
            .iter()
            .find(|item| key.iter().all(|(k, v)| item.get(k) == Some(v)));
    }
    let value: Value = serde_json::from_str(element.strip_prefix("v:")?).ok()?;
    items.iter().find(|item| **item == value)
}

/// Removes the field or element at `path` from `object`, if it is there.
pub fn remove(object: &mut Value, path: &[String]) {
    let (last, parent) = match path {
        [parent @ .., last] if last == "." => match parent {
            [grand @ .., element] => (element, grand),
            [] => return,
        },
        [parent @ .., last] => (last, parent),
        [] => return,
    };
    let mut at = object;
    for element in parent {
        let next = match element.strip_prefix("f:") {
            Some(name) => at.get_mut(name),
            None => {
                let found = step(at, element).cloned();
                at.as_array_mut()
                    .and_then(|items| items.iter_mut().find(|i| Some(&**i) == found.as_ref()))
            }
        };
        let Some(next) = next else { return };
        at = next;
    }
    if let Some(name) = last.strip_prefix("f:") {
        if let Some(map) = at.as_object_mut() {
            map.remove(name);
        }
    } else if let Some(found) = step(at, last).cloned() {
        if let Some(items) = at.as_array_mut() {
            items.retain(|i| *i != found);
        }
    }
}

/// A path as upstream prints it in conflicts: `.spec.template.spec.containers[name="web"].image`.
pub fn display(path: &[String]) -> String {
    let mut out = String::new();
    for element in path {
        if let Some(name) = element.strip_prefix("f:") {
            out.push('.');
            out.push_str(name);
        } else if let Some(key) = element.strip_prefix("k:") {
            let keys: Map<String, Value> = serde_json::from_str(key).unwrap_or_default();
            let pairs: Vec<String> = keys.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push_str(&format!("[{}]", pairs.join(",")));
        } else if let Some(value) = element.strip_prefix("v:") {
            out.push_str(&format!("[={value}]"));
        }
    }
    out
}
