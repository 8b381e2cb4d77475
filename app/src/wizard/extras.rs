//! Fields the form has no control for: what a manifest has beyond what the form would
//! write (kept when a manifest is read in), and laid back under the form's output.

use serde_json::{Map, Value};

/// What `original` has that `form` does not write. Objects are compared member by
/// member and arrays item by item; a value the form writes itself is the form's.
pub fn beyond(original: &Value, form: &Value) -> Value {
    match (original, form) {
        (Value::Object(o), Value::Object(f)) => {
            let mut out = Map::new();
            for (key, value) in o {
                let kept = match f.get(key) {
                    Some(written) => beyond(value, written),
                    None => value.clone(),
                };
                if !is_empty(&kept) {
                    out.insert(key.clone(), kept);
                }
            }
            Value::Object(out)
        }
        (Value::Array(o), Value::Array(f)) => {
            let items: Vec<Value> = o
                .iter()
                .enumerate()
                .map(|(i, item)| f.get(i).map_or(Value::Null, |w| beyond(item, w)))
                .collect();
            if items.iter().all(is_empty) {
                Value::Null
            } else {
                Value::Array(items)
            }
        }
        _ => Value::Null,
    }
}

/// `form` laid over `extra`: the form wins wherever both have a value.
pub fn merge(extra: &Value, form: Value) -> Value {
    match (extra, form) {
        (Value::Object(e), Value::Object(mut f)) => {
            for (key, value) in e {
                let merged = match f.remove(key) {
                    Some(written) => merge(value, written),
                    None => value.clone(),
                };
                f.insert(key.clone(), merged);
            }
            Value::Object(f)
        }
        (Value::Array(e), Value::Array(f)) => Value::Array(
            f.into_iter()
                .enumerate()
                .map(|(i, item)| match e.get(i) {
                    Some(under) => merge(under, item),
                    None => item,
                })
                .collect(),
        ),
        (_, form) => form,
    }
}

/// Whether `value` keeps nothing.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.iter().all(is_empty),
        _ => false,
    }
}

/// The paths of the leaves of `value` under `prefix` (`spec.template.spec.tolerations`),
/// to show which fields are kept without a control.
pub fn paths(prefix: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                paths(&path, v, out);
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object()) => {
            for (i, item) in items.iter().enumerate() {
                paths(&format!("{prefix}[{i}]"), item, out);
            }
        }
        Value::Null => {}
        _ => out.push(prefix.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_what_the_form_does_not_write_and_gives_it_back() {
        let original = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [{"x": 1, "y": 2}]});
        let form = json!({"a": 5, "b": {"c": 9}, "l": [{"x": 7}]});
        let extra = beyond(&original, &form);
        assert_eq!(extra, json!({"b": {"d": 3}, "l": [{"y": 2}]}));
        assert_eq!(
            merge(&extra, form),
            json!({"a": 5, "b": {"c": 9, "d": 3}, "l": [{"x": 7, "y": 2}]})
        );
    }
}
