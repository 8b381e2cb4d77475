//! Laying an applied configuration over the live object: maps merge field by field,
//! lists with a merge key merge element by element (containers by name), sets gain the
//! applied values, other lists and scalars are replaced.

use serde_json::Value;

use crate::api::patch::keys::{list_merge, ListMerge};

/// Sets every field of `applied` in `live`.
pub fn overlay(live: &mut Value, applied: &Value) {
    overlay_at(live, applied, &mut Vec::new());
}

fn overlay_at(live: &mut Value, applied: &Value, fields: &mut Vec<String>) {
    let (Value::Object(live_map), Value::Object(applied_map)) = (&mut *live, applied) else {
        *live = applied.clone();
        return;
    };
    for (name, value) in applied_map {
        fields.push(name.clone());
        match live_map.get_mut(name) {
            Some(current) => match (&mut *current, value) {
                (Value::Object(_), Value::Object(_)) => overlay_at(current, value, fields),
                (Value::Array(items), Value::Array(applied_items)) => {
                    merge_list(items, applied_items, fields)
                }
                _ => *current = value.clone(),
            },
            None => {
                live_map.insert(name.clone(), value.clone());
            }
        }
        fields.pop();
    }
}

fn merge_list(items: &mut Vec<Value>, applied: &[Value], fields: &mut Vec<String>) {
    match list_merge(fields) {
        ListMerge::ByKey(key) => {
            for element in applied {
                let id = element.get(key);
                match items
                    .iter_mut()
                    .find(|item| id.is_some() && item.get(key) == id)
                {
                    Some(item) => overlay_at(item, element, fields),
                    None => items.push(element.clone()),
                }
            }
        }
        ListMerge::Union => {
            for element in applied {
                if !items.contains(element) {
                    items.push(element.clone());
                }
            }
        }
        ListMerge::Replace => *items = applied.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::overlay;

    #[test]
    fn containers_merge_by_name_and_other_lists_are_replaced() {
        let mut live = json!({"spec": {"replicas": 3, "template": {"spec": {
            "containers": [
                {"name": "web", "image": "nginx:1.26", "args": ["a", "b"]},
                {"name": "sidecar", "image": "busybox"}
            ],
            "tolerations": [{"key": "x"}]
        }}}});
        let applied = json!({"spec": {"template": {"spec": {
            "containers": [{"name": "web", "image": "nginx:1.27", "args": ["c"]}],
            "tolerations": []
        }}}});
        overlay(&mut live, &applied);
        assert_eq!(
            live,
            json!({"spec": {"replicas": 3, "template": {"spec": {
                "containers": [
                    {"name": "web", "image": "nginx:1.27", "args": ["c"]},
                    {"name": "sidecar", "image": "busybox"}
                ],
                "tolerations": []
            }}}})
        );
    }
}
