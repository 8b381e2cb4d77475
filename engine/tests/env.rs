//! A container's environment from ConfigMap keys (`configMapKeyRef`): resolved into
//! what the container sees, and a missing key that is not optional holds the start in
//! CreateContainerConfigError.

use crate::common;
use crate::pods;

use std::collections::BTreeMap;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::ConfigMap;
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use pods::{container_spec as spec, event, state, waiting_message};
use serde_json::json;

fn config_map(data: &[(&str, &str)]) -> ConfigMap {
    ConfigMap {
        metadata: ObjectMeta {
            name: Some("settings".to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        data: Some(
            data.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
        ),
        ..Default::default()
    }
}

/// A cluster with the ConfigMap `settings` of `data` and a pod `p` whose container
/// echoes `MODE`, taken from the key `mode` (`optional` as given), 5 s after its start.
fn echo_mode(data: &[(&str, &str)], optional: Option<bool>) -> Cluster {
    let mut c = Cluster::new();
    c.engine.create(config_map(data)).expect("config map");
    let mut reference = json!({"name": "settings", "key": "mode"});
    if let Some(optional) = optional {
        reference["optional"] = json!(optional);
    }
    let container = spec(
        "app",
        "busybox",
        json!({
            "command": ["sh", "-c", "echo \"mode=$MODE\"; sleep 3600"],
            "env": [{"name": "MODE", "valueFrom": {"configMapKeyRef": reference}}],
        }),
    );
    pods::create(&mut c, "p", json!({"containers": [container]}));
    c.run_for(5_000);
    c
}

/// What the running container of `p` wrote.
fn logs(c: &Cluster) -> Vec<String> {
    assert_eq!(state(c, "p", "app"), "Running");
    c.engine
        .logs("default", "p", None, None, None, false)
        .expect("logs")
}

#[test]
fn a_config_map_key_is_resolved_into_the_environment() {
    let c = echo_mode(&[("mode", "fast")], None);
    assert_eq!(logs(&c), ["mode=fast"]);
}

#[test]
fn a_missing_key_holds_the_container_in_create_container_config_error() {
    let c = echo_mode(&[("other", "x")], None);
    assert_eq!(state(&c, "p", "app"), "Waiting:CreateContainerConfigError");
    let message = "couldn't find key mode in ConfigMap default/settings";
    assert_eq!(waiting_message(&c, "p", "app"), message);
    assert!(event(&c, "p", "Failed", &format!("Error: {message}")).is_some());
}

#[test]
fn a_missing_optional_key_leaves_the_variable_out() {
    let c = echo_mode(&[("other", "x")], Some(true));
    assert_eq!(logs(&c), ["mode="]);
}
