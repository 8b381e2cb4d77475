//! A cursor into a manifest that knows its own field path, so each rule reports where
//! it broke in Kubernetes' notation (`spec.containers[1].ports[0].containerPort`).

use serde_json::Value;

/// A place in a manifest: the value there (if any) and its path.
#[derive(Clone)]
pub(crate) struct At<'a> {
    pub value: Option<&'a Value>,
    pub path: String,
}

impl<'a> At<'a> {
    /// The manifest's root.
    pub fn root(value: &'a Value) -> Self {
        At {
            value: Some(value),
            path: String::new(),
        }
    }

    /// The member `key` of an object.
    pub fn field(&self, key: &str) -> At<'a> {
        let path = if self.path.is_empty() {
            key.to_owned()
        } else if key.contains(['.', '/']) {
            format!("{}[{key}]", self.path)
        } else {
            format!("{}.{key}", self.path)
        };
        At {
            value: self.value.and_then(|v| v.get(key)).filter(|v| !v.is_null()),
            path,
        }
    }

    /// The items of an array, each with its index in the path.
    pub fn items(&self) -> Vec<At<'a>> {
        let items = self.value.and_then(Value::as_array);
        items
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, v)| At {
                value: Some(v),
                path: format!("{}[{i}]", self.path),
            })
            .collect()
    }

    /// The members of an object, by key.
    pub fn entries(&self) -> Vec<(&'a str, At<'a>)> {
        let map = self.value.and_then(Value::as_object);
        map.into_iter()
            .flatten()
            .map(|(k, _)| (k.as_str(), self.field(k)))
            .collect()
    }

    /// Whether anything is there.
    pub fn present(&self) -> bool {
        self.value.is_some()
    }

    /// The text there, if it is text.
    pub fn str(&self) -> Option<&'a str> {
        self.value.and_then(Value::as_str)
    }

    /// The integer there, if it is one.
    pub fn int(&self) -> Option<i64> {
        self.value.and_then(Value::as_i64)
    }
}
