//! What an object counts for against a namespace's ResourceQuota, as upstream's quota
//! evaluators (`pkg/quota/v1/evaluator/core`) measure it: pods by their containers'
//! requests and limits, other objects by their count.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Pod};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::store::{resource_name, Object};

/// Resource name → amount, in the resource's base unit (millicores for CPU, bytes for
/// memory, a count for the rest).
pub type Usage = BTreeMap<String, i64>;

/// The resources whose amounts are CPU, kept in millicores.
fn is_cpu(resource: &str) -> bool {
    matches!(resource, "cpu" | "requests.cpu" | "limits.cpu")
}

/// Whether a quota on `resource` needs each container to say how much it wants
/// (upstream's pod `Constraints`): compute resources do, counts don't.
pub fn needs_container_value(resource: &str) -> bool {
    matches!(
        resource,
        "cpu" | "memory" | "requests.cpu" | "requests.memory" | "limits.cpu" | "limits.memory"
    )
}

/// A quantity in a resource's base unit, rounded up; an unreadable one is 0.
pub fn amount(resource: &str, q: &Quantity) -> i64 {
    let scale = if is_cpu(resource) { 1000.0 } else { 1.0 };
    rules::quantity::parse(&q.0).map_or(0, |v| (v * scale).ceil() as i64)
}

/// An amount written as upstream's `Quantity.String()` writes it: `500m`, `2`, `128Mi`.
pub fn format(resource: &str, value: i64) -> String {
    if is_cpu(resource) {
        return if value % 1000 == 0 {
            (value / 1000).to_string()
        } else {
            format!("{value}m")
        };
    }
    let memory = resource.ends_with("memory") || resource.ends_with("storage");
    if memory && value != 0 {
        for (suffix, unit) in [
            ("Ti", 1_i64 << 40),
            ("Gi", 1 << 30),
            ("Mi", 1 << 20),
            ("Ki", 1 << 10),
        ] {
            if value % unit == 0 {
                return format!("{}{suffix}", value / unit);
            }
        }
    }
    value.to_string()
}

/// A container's request (`requests`) or limit (`limits`) of `name`; a request left
/// unset is its limit (upstream's pod defaulting).
fn container_value(c: &Container, kind: &str, name: &str) -> Option<i64> {
    let r = c.resources.as_ref()?;
    let limits = r.limits.as_ref().and_then(|l| l.get(name));
    let requests = r.requests.as_ref().and_then(|q| q.get(name));
    let q = if kind == "limits" {
        limits
    } else {
        requests.or(limits)
    }?;
    Some(amount(&format!("{kind}.{name}"), q))
}

/// The pod's total of `kind` (`requests` or `limits`) of `name`: the containers' sum,
/// or the largest init container's if more (upstream's `PodRequests`).
fn pod_value(pod: &Pod, kind: &str, name: &str) -> i64 {
    let Some(spec) = pod.spec.as_ref() else {
        return 0;
    };
    let sum: i64 = spec
        .containers
        .iter()
        .filter_map(|c| container_value(c, kind, name))
        .sum();
    spec.init_containers
        .iter()
        .flatten()
        .filter_map(|c| container_value(c, kind, name))
        .fold(sum, i64::max)
}

/// The containers that leave `resource` unset, which a quota on it refuses.
pub fn containers_missing(pod: &Pod, resource: &str) -> Vec<String> {
    let (kind, name) = match resource.split_once('.') {
        Some((kind, name)) => (kind, name),
        None => ("requests", resource),
    };
    let spec = pod.spec.as_ref();
    spec.into_iter()
        .flat_map(|s| s.init_containers.iter().flatten().chain(&s.containers))
        .filter(|c| container_value(c, kind, name).is_none())
        .map(|c| c.name.clone())
        .collect()
}

/// What a pod counts for of `resource` (0 for resources pods don't use). Finished pods
/// count for nothing (upstream's `QuotaV1Pod`).
pub fn pod_usage(pod: &Pod, resource: &str) -> i64 {
    if matches!(crate::pod_state::phase(pod), "Succeeded" | "Failed") {
        return 0;
    }
    match resource {
        "pods" | "count/pods" => 1,
        "cpu" | "memory" => pod_value(pod, "requests", resource),
        _ => match resource.split_once('.') {
            Some((kind @ ("requests" | "limits"), name)) => pod_value(pod, kind, name),
            _ => 0,
        },
    }
}

/// The object-count resources an object of kind `K` counts one toward:
/// `count/deployments.apps`, and for some core kinds the older plain names too.
pub fn count_resources<K: Object>() -> Vec<String> {
    let mut names = vec![format!("count/{}", resource_name::<K>())];
    let legacy = [
        "pods",
        "services",
        "configmaps",
        "secrets",
        "replicationcontrollers",
        "resourcequotas",
        "persistentvolumeclaims",
    ];
    if K::GROUP.is_empty() && legacy.contains(&K::URL_PATH_SEGMENT) {
        names.push(K::URL_PATH_SEGMENT.to_owned());
    }
    names
}

/// What an object of kind `K` counts for of `resource`.
pub fn object_usage<K: Object>(obj: &K, resource: &str) -> i64 {
    if let Some(pod) = (obj as &dyn std::any::Any).downcast_ref::<Pod>() {
        return pod_usage(pod, resource);
    }
    i64::from(count_resources::<K>().iter().any(|r| r == resource))
}
