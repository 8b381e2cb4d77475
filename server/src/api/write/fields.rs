//! Fields a client sent that the served type has no place for: what upstream's
//! `fieldValidation` reports. The typed object is written back out and compared with
//! what was sent; a key sent but not written back had nowhere to go.

use serde_json::Value;

/// The paths (`spec.template.spec.containers[0].imagee`) of the keys in `given` that
/// `typed` (the same object after a round trip through its type) lacks.
pub fn unknown(given: &Value, typed: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(given, typed, String::new(), &mut found);
    found
}

fn walk(given: &Value, typed: &Value, path: String, found: &mut Vec<String>) {
    match (given, typed) {
        (Value::Object(given), Value::Object(typed)) => {
            for (key, value) in given {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match typed.get(key) {
                    Some(kept) => walk(value, kept, here, found),
                    // A null is "unset": the type writes nothing back for it.
                    None if value.is_null() => {}
                    None => found.push(here),
                }
            }
        }
        (Value::Array(given), Value::Array(typed)) => {
            for (i, (value, kept)) in given.iter().zip(typed).enumerate() {
                walk(value, kept, format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::apps::v1::Deployment;
    use serde_json::json;

    use super::unknown;

    #[test]
    fn a_misspelt_field_is_found_by_its_path() {
        let given = json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "creationTimestamp": null, "labels": {"x": "1"}},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                    "metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{"name": "web", "imagee": "nginx", "resources": {}}]}
                },
                "replica": 2
            }
        });
        let typed: Deployment = serde_json::from_value(given.clone()).expect("a deployment");
        let typed = serde_json::to_value(&typed).expect("json");
        let mut found = unknown(&given, &typed);
        found.sort();
        assert_eq!(
            found,
            ["spec.replica", "spec.template.spec.containers[0].imagee"]
        );
    }
}
