//! Base64 as Go reads it: `encoding/base64` skips `\r` and `\n`, so a Secret whose
//! `data` a YAML block scalar wraps over several lines (as the Kubernetes
//! documentation's TLS Secret does) is accepted upstream. The stricter decoder behind
//! Berth's types gets the values with those characters taken out.

use serde_json::Value;

/// The fields of a kind that hold base64 bytes, by kind.
fn byte_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "Secret" => &["data"],
        "ConfigMap" => &["binaryData"],
        _ => &[],
    }
}

/// Takes line breaks out of the base64 values of an object of `kind`.
pub fn unwrap(kind: &str, object: &mut Value) {
    for field in byte_fields(kind) {
        let Some(values) = object.get_mut(*field).and_then(Value::as_object_mut) else {
            continue;
        };
        for value in values.values_mut() {
            if let Value::String(text) = value {
                if text.contains(['\n', '\r']) {
                    text.retain(|c| c != '\n' && c != '\r');
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::unwrap;

    #[test]
    fn a_secrets_wrapped_base64_reads_as_go_reads_it() {
        let mut secret = json!({"data": {"tls.crt": "aGVs\nbG8=\r\n", "plain": "aGk="}});
        unwrap("Secret", &mut secret);
        assert_eq!(
            secret["data"],
            json!({"tls.crt": "aGVsbG8=", "plain": "aGk="})
        );
        let mut map = json!({"data": {"a": "x\ny"}});
        unwrap("ConfigMap", &mut map);
        assert_eq!(map["data"]["a"], "x\ny", "a ConfigMap's text data is text");
    }
}
