//! The decoder over bodies kubectl v1.32 sent (captured with `-v=9`).

use serde_json::json;

use super::decode;

fn hex(dump: &str) -> Vec<u8> {
    dump.split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).expect("hex"))
        .collect()
}

/// `kubectl create configmap settings --from-literal=a=1`.
const CONFIG_MAP: &str = "6b 38 73 00 0a 0f 0a 02 76 31 12 09 43 6f 6e 66 69 67 4d 61 70 12 22
    0a 18 0a 08 73 65 74 74 69 6e 67 73 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00
    12 06 0a 01 61 12 01 31 1a 00 22 00";

/// `kubectl create deployment web --image=nginx --replicas=2`.
const DEPLOYMENT: &str = "6b 38 73 00 0a 15 0a 07 61 70 70 73 2f 76 31 12
    0a 44 65 70 6c 6f 79 6d 65 6e 74 12 ab 01 0a 1f 0a 03 77 65 62 12 00 1a
    00 22 00 2a 00 32 00 38 00 42 00 5a 0a 0a 03 61 70 70 12 03 77 65 62 12
    7a 08 02 12 0c 0a 0a 0a 03 61 70 70 12 03 77 65 62 1a 60 0a 1c 0a 00 12
    00 1a 00 22 00 2a 00 32 00 38 00 42 00 5a 0a 0a 03 61 70 70 12 03 77 65
    62 12 40 12 22 0a 05 6e 67 69 6e 78 12 05 6e 67 69 6e 78 2a 00 42 00 6a
    00 72 00 80 01 00 88 01 00 90 01 00 a2 01 00 1a 00 32 00 42 00 4a 00 52
    00 58 00 60 00 68 00 82 01 00 8a 01 00 9a 01 00 c2 01 00 22 02 0a 00 28
    00 38 00 1a 0c 08 00 10 00 18 00 20 00 28 00 38 00 1a 00 22 00";

#[test]
fn a_config_map_as_kubectl_create_sends_it() {
    let value = decode(&hex(CONFIG_MAP)).expect("decoded");
    assert_eq!(
        value,
        json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "settings"},
            "data": {"a": "1"},
        })
    );
}

#[test]
fn a_deployment_keeps_set_pointers_and_drops_go_zero_values() {
    let value = decode(&hex(DEPLOYMENT)).expect("decoded");
    let labels = json!({"app": "web"});
    assert_eq!(
        value,
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "labels": labels},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": labels},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {"containers": [
                        {"name": "nginx", "image": "nginx", "resources": {}}
                    ]},
                },
                "strategy": {},
            },
            "status": {},
        })
    );
}

#[test]
fn refuses_what_it_cannot_read() {
    let mut body = hex(CONFIG_MAP);
    // Kind "ConfigMap" → "ConfigMaq": not a kind read here.
    body[20] = b'q';
    let unread = decode(&body).expect_err("an unread kind");
    assert_eq!(unread.status().code, Some(415));
    assert!(decode(b"{}").is_err(), "JSON is not protobuf");
    // The envelope cut short.
    let truncated = hex(CONFIG_MAP);
    let short = decode(&truncated[..30]).expect_err("truncated");
    assert_eq!(short.status().code, Some(400));
}
