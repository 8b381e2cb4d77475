//! The valid manifest the rules tests start from, and ways to break it.

// Each test file uses its own part of these helpers.
#![allow(dead_code)]

use rules::{validate_workload, Context, Findings, Violation};
use serde_json::{json, Value};

/// A Deployment using most of what the wizard can set, valid as it is.
pub fn valid() -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default",
                     "annotations": {"berth.dev/description": "the shop"}},
        "spec": {
            "replicas": 2,
            "minReadySeconds": 0,
            "progressDeadlineSeconds": 600,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate",
                         "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "initContainers": [{"name": "setup", "image": "busybox:1.36",
                                        "command": ["sh", "-c", "true"]}],
                    "containers": [{
                        "name": "nginx", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent",
                        "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
                        "resources": {"requests": {"cpu": "250m", "memory": "512Mi"},
                                      "limits": {"cpu": "500m", "memory": "1Gi"}},
                        "livenessProbe": {"httpGet": {"path": "/", "port": 80, "scheme": "HTTP"},
                                          "periodSeconds": 10, "successThreshold": 1},
                        "readinessProbe": {"tcpSocket": {"port": "http"}, "successThreshold": 2},
                        "startupProbe": {"exec": {"command": ["cat", "/ready"]}},
                        "lifecycle": {"preStop": {"exec": {"command": ["nginx", "-s", "quit"]}}},
                        "env": [
                            {"name": "MODE", "value": "prod"},
                            {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
                            {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}}
                        ],
                        "volumeMounts": [{"name": "data", "mountPath": "/data"}]
                    }],
                    "volumes": [{"name": "data", "emptyDir": {}}],
                    "dnsPolicy": "ClusterFirst",
                    "dnsConfig": {"nameservers": ["10.0.0.10"], "searches": ["svc.local"]}
                }
            }
        }
    })
}

pub fn check(manifest: &Value) -> Findings {
    validate_workload(manifest, Context::default())
}

/// The errors after `change` is applied to the valid manifest.
pub fn errors_after(change: impl FnOnce(&mut Value)) -> Vec<(String, Violation)> {
    let mut manifest = valid();
    change(&mut manifest);
    check(&manifest)
        .errors
        .into_iter()
        .map(|e| (e.path, e.violation))
        .collect()
}

pub fn container(m: &mut Value) -> &mut Value {
    &mut m["spec"]["template"]["spec"]["containers"][0]
}

pub const C0: &str = "spec.template.spec.containers[0]";
