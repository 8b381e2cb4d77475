//! `metadata.managedFields`: who owns which fields, updated on every write through the
//! API (`Update` entries, owning the fields each write changed) and by server-side
//! apply (`Apply` entries, owning the applied configuration), and the conflicts an
//! apply meets when another manager owns a field it changes.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::fieldset::{display, get, FieldSet, Path};

/// One entry of `metadata.managedFields`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `manager`.
    pub manager: String,
    /// `Apply` or `Update`.
    pub operation: String,
    /// The API version the fields are in.
    pub api_version: String,
    /// `subresource`, when the write was to one.
    pub subresource: Option<String>,
    /// `time` of the entry's last change, as stored.
    pub time: Value,
    /// `fieldsV1`.
    pub fields: FieldSet,
}

impl Entry {
    /// A new entry stamped `time`.
    pub fn new(manager: &str, operation: &str, api_version: &str, time: Value) -> Entry {
        Entry {
            manager: manager.to_owned(),
            operation: operation.to_owned(),
            api_version: api_version.to_owned(),
            subresource: None,
            time,
            fields: FieldSet::default(),
        }
    }

    fn same_manager(&self, other: &Entry) -> bool {
        self.manager == other.manager
            && self.operation == other.operation
            && self.subresource == other.subresource
    }

    /// The manager as upstream names it in conflicts: `"kubectl-patch" using apps/v1`.
    fn label(&self) -> String {
        let mut label = format!("{:?}", self.manager);
        if let Some(sub) = &self.subresource {
            label.push_str(&format!(" with subresource {sub:?}"));
        }
        if self.operation == "Update" {
            label.push_str(&format!(" using {}", self.api_version));
        }
        label
    }
}

/// The entries of an object (as JSON).
pub fn read(object: &Value) -> Vec<Entry> {
    let Some(entries) = object["metadata"]["managedFields"].as_array() else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|e| Entry {
            manager: e["manager"].as_str().unwrap_or_default().to_owned(),
            operation: e["operation"].as_str().unwrap_or_default().to_owned(),
            api_version: e["apiVersion"].as_str().unwrap_or_default().to_owned(),
            subresource: e["subresource"].as_str().map(str::to_owned),
            time: e["time"].clone(),
            fields: FieldSet::from_json(&e["fieldsV1"]),
        })
        .collect()
}

/// Stores `entries` in the object, leaving out those that own nothing.
pub fn write(object: &mut Value, entries: &[Entry]) {
    let list: Vec<Value> = entries
        .iter()
        .filter(|e| !e.fields.0.is_empty())
        .map(|e| {
            let mut entry = json!({
                "manager": e.manager,
                "operation": e.operation,
                "apiVersion": e.api_version,
                "time": e.time,
                "fieldsType": "FieldsV1",
                "fieldsV1": e.fields.to_json(),
            });
            if let Some(sub) = &e.subresource {
                entry["subresource"] = Value::String(sub.clone());
            }
            entry
        })
        .collect();
    if let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("managedFields".to_owned(), Value::Array(list));
    }
}

/// Gives `entry` the fields `fields` (taken from every other entry), adding it if new.
pub fn take(entries: &mut Vec<Entry>, mut entry: Entry, fields: &FieldSet) {
    for other in entries.iter_mut().filter(|e| !e.same_manager(&entry)) {
        other.fields.0.retain(|p| !fields.0.contains(p));
    }
    match entries.iter_mut().find(|e| e.same_manager(&entry)) {
        Some(existing) => {
            existing.fields.0.extend(fields.0.iter().cloned());
            existing.time = entry.time;
            existing.api_version = entry.api_version;
        }
        None => {
            entry.fields = fields.clone();
            entries.push(entry);
        }
    }
}

/// Records a write by `manager` (an `Update`): it owns the fields it changed between
/// `before` and `after`; fields it removed are no one's.
pub fn record_update(before: Option<&Value>, after: &mut Value, manager: Entry) {
    let mut entries = match &after["metadata"]["managedFields"] {
        Value::Array(_) => read(after),
        _ => before.map(read).unwrap_or_default(),
    };
    let changed = FieldSet::changed(before.unwrap_or(&Value::Null), after);
    if changed.0.is_empty() {
        write(after, &entries);
        return;
    }
    let present = FieldSet::of(after);
    for entry in &mut entries {
        entry.fields.0.retain(|p| present.0.contains(p));
    }
    let owned = FieldSet(changed.0.intersection(&present.0).cloned().collect());
    take(&mut entries, manager, &owned);
    write(after, &entries);
}

/// A field an apply would change that another manager owns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Conflict {
    /// The owner, as upstream names it.
    pub manager: String,
    /// The field, as upstream prints it (`.spec.replicas`).
    pub field: String,
    path: Path,
}

/// The fields of `applied` that another manager than `mine` owns and whose applied
/// value differs from the live one (an equal value is shared, not a conflict).
pub fn conflicts(entries: &[Entry], mine: &Entry, live: &Value, applied: &Value) -> Vec<Conflict> {
    let applied_set = FieldSet::of(applied);
    let mut found = BTreeSet::new();
    for entry in entries.iter().filter(|e| !e.same_manager(mine)) {
        for path in entry.fields.0.intersection(&applied_set.0) {
            if path.last().is_some_and(|p| p == ".") {
                continue;
            }
            if get(live, path) != get(applied, path) {
                found.insert(Conflict {
                    manager: entry.label(),
                    field: display(path),
                    path: path.clone(),
                });
            }
        }
    }
    found.into_iter().collect()
}

/// Takes the conflicting fields away from their owners (an apply with `force=true`).
pub fn yield_conflicts(entries: &mut [Entry], conflicts: &[Conflict]) {
    for entry in entries {
        entry
            .fields
            .0
            .retain(|p| !conflicts.iter().any(|c| &c.path == p));
    }
}

/// Upstream's message for an apply's conflicts.
pub fn message(conflicts: &[Conflict]) -> String {
    if let [one] = conflicts {
        return format!(
            "Apply failed with 1 conflict: conflict with {}: {}",
            one.manager, one.field
        );
    }
    let mut lines = Vec::new();
    let mut current: Option<&str> = None;
    for c in conflicts {
        if current != Some(c.manager.as_str()) {
            lines.push(format!("conflicts with {}:", c.manager));
            current = Some(&c.manager);
        }
        lines.push(format!("- {}", c.field));
    }
    format!(
        "Apply failed with {} conflicts: {}",
        conflicts.len(),
        lines.join("\n")
    )
}
