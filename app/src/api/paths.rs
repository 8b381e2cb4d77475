//! The API paths the console reads, in one place.

/// All Namespaces.
pub fn namespaces() -> String {
    "/api/v1/namespaces".to_owned()
}

/// One Namespace.
pub fn namespace(name: &str) -> String {
    format!("/api/v1/namespaces/{name}")
}

/// All Nodes.
pub fn nodes() -> String {
    "/api/v1/nodes".to_owned()
}

/// The ConfigMaps of a namespace.
pub fn config_maps(ns: &str) -> String {
    format!("/api/v1/namespaces/{ns}/configmaps")
}

/// The Secrets of a namespace.
pub fn secrets(ns: &str) -> String {
    format!("/api/v1/namespaces/{ns}/secrets")
}

/// The Deployments of a namespace.
pub fn deployments(ns: &str) -> String {
    format!("/apis/apps/v1/namespaces/{ns}/deployments")
}

/// The workloads of `kind` (Deployment, StatefulSet, DaemonSet, Job, CronJob) in a
/// namespace.
pub fn workloads(ns: &str, kind: &str) -> String {
    let group = if rules::workload::batch::KINDS.contains(&kind) {
        "batch"
    } else {
        "apps"
    };
    format!("/apis/{group}/v1/namespaces/{ns}/{}", plural(kind))
}

/// The resource name of a workload kind (`statefulsets`).
pub fn plural(kind: &str) -> String {
    format!("{}s", kind.to_ascii_lowercase())
}

/// One Deployment, as a list of at most one (so it can be watched like any list).
pub fn deployment_named(ns: &str, name: &str) -> String {
    format!("{}?fieldSelector=metadata.name%3D{name}", deployments(ns))
}

/// One Deployment.
pub fn deployment(ns: &str, name: &str) -> String {
    format!("{}/{name}", deployments(ns))
}

/// The ReplicaSets of a namespace matching a label selector: a Deployment's revisions.
pub fn replica_sets_matching(ns: &str, selector: &str) -> String {
    format!(
        "/apis/apps/v1/namespaces/{ns}/replicasets?labelSelector={}",
        encode_value(selector)
    )
}

/// The Events of a namespace.
pub fn events(ns: &str) -> String {
    format!("/api/v1/namespaces/{ns}/events")
}

/// The Services of a namespace.
pub fn services(ns: &str) -> String {
    format!("/api/v1/namespaces/{ns}/services")
}

/// The last `tail` lines of a container's log.
pub fn pod_log(ns: &str, pod: &str, container: &str, tail: usize) -> String {
    format!(
        "{}/log?container={container}&tailLines={tail}",
        self::pod(ns, pod)
    )
}

/// A container's log with each line's time, as the workload's merged logs read it:
/// the last `tail` lines, those of the last `since_seconds`, of the previous run.
pub fn pod_log_timed(
    ns: &str,
    pod: &str,
    container: &str,
    tail: usize,
    since_seconds: Option<u32>,
    previous: bool,
) -> String {
    let mut path = format!(
        "{}&timestamps=true",
        pod_log(ns, pod, &encode_value(container), tail)
    );
    if let Some(seconds) = since_seconds {
        path.push_str(&format!("&sinceSeconds={seconds}"));
    }
    if previous {
        path.push_str("&previous=true");
    }
    path
}

/// Every pod of a namespace.
pub fn pods(ns: &str) -> String {
    format!("/api/v1/namespaces/{ns}/pods")
}

/// The pods of a namespace matching a label selector (`app=web`).
pub fn pods_matching(ns: &str, selector: &str) -> String {
    format!(
        "/api/v1/namespaces/{ns}/pods?labelSelector={}",
        encode_value(selector)
    )
}

/// A query value (a label selector, a continue token) percent-encoded: everything but
/// RFC 3986's unreserved characters.
pub fn encode_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// One pod.
pub fn pod(ns: &str, name: &str) -> String {
    format!("/api/v1/namespaces/{ns}/pods/{name}")
}

/// An interactive shell (`sh` with a terminal) in `container` of a pod, over exec.
pub fn pod_shell(ns: &str, name: &str, container: &str) -> String {
    format!(
        "{}/exec?command=sh&container={}&stdin=true&stdout=true&stderr=true&tty=true",
        pod(ns, name),
        encode_value(container)
    )
}

/// The same path with `key=value` added to its query.
pub fn with_query(path: &str, key: &str, value: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{key}={value}")
}

/// The namespace segment of a console URL (`/namespaces/_all/pods`) that means every
/// namespace: not a valid namespace name, so it can't clash with one.
pub const ALL_NAMESPACES: &str = "_all";

/// Whether a console URL's namespace segment means every namespace.
pub fn is_all_namespaces(ns: &str) -> bool {
    ns == ALL_NAMESPACES
}

/// A core-group collection (`services`) of namespace `ns`, or of every namespace when
/// `ns` is [`ALL_NAMESPACES`] (`/api/v1/services`, which the API lists and watches).
pub fn core_collection(ns: &str, plural: &str) -> String {
    if is_all_namespaces(ns) {
        format!("/api/v1/{plural}")
    } else {
        format!("/api/v1/namespaces/{ns}/{plural}")
    }
}

/// A collection of a `v1` API group (`apps`, `batch`) in namespace `ns`, or in every
/// namespace.
fn group_collection(group: &str, ns: &str, plural: &str) -> String {
    if is_all_namespaces(ns) {
        format!("/apis/{group}/v1/{plural}")
    } else {
        format!("/apis/{group}/v1/namespaces/{ns}/{plural}")
    }
}

/// An `apps` collection (`deployments`) of namespace `ns`, or of every namespace.
pub fn apps_collection(ns: &str, plural: &str) -> String {
    group_collection("apps", ns, plural)
}

/// A `batch` collection (`jobs`) of namespace `ns`, or of every namespace.
pub fn batch_collection(ns: &str, plural: &str) -> String {
    group_collection("batch", ns, plural)
}

/// One Job or CronJob, by its resource name (`jobs`).
pub fn batch_object(ns: &str, plural: &str, name: &str) -> String {
    format!("/apis/batch/v1/namespaces/{ns}/{plural}/{name}")
}

/// One Job or CronJob, as a list of at most one (so it can be watched).
pub fn batch_named(ns: &str, plural: &str, name: &str) -> String {
    format!("/apis/batch/v1/namespaces/{ns}/{plural}?fieldSelector=metadata.name%3D{name}")
}

/// One Service.
pub fn service(ns: &str, name: &str) -> String {
    format!("{}/{name}", services(ns))
}

/// One ConfigMap.
pub fn config_map(ns: &str, name: &str) -> String {
    format!("{}/{name}", config_maps(ns))
}

/// A path of Secrets (`/api/v1/namespaces/a/secrets`) read without values: Berth
/// blanks them before they leave the server, so the page only ever holds names, types
/// and keys.
pub fn keys_only(path: &str) -> String {
    format!("/berth/keys-only{path}")
}

/// Where one value of a Secret is revealed, for a user who may `get` the Secret.
pub fn reveal(ns: &str, name: &str, key: &str) -> String {
    format!(
        "/berth/reveal{}?key={}",
        secret(ns, name),
        encode_value(key)
    )
}

/// One Secret.
pub fn secret(ns: &str, name: &str) -> String {
    format!("{}/{name}", secrets(ns))
}

/// One workload, by its resource name (`statefulsets`, as `WorkloadKind::plural` has it).
pub fn workload(ns: &str, plural: &str, name: &str) -> String {
    format!("/apis/apps/v1/namespaces/{ns}/{plural}/{name}")
}

/// One workload, by its resource name, as a list of at most one (so it can be watched).
pub fn workload_named(ns: &str, plural: &str, name: &str) -> String {
    format!("/apis/apps/v1/namespaces/{ns}/{plural}?fieldSelector=metadata.name%3D{name}")
}

/// The ControllerRevisions of a namespace matching a label selector: a StatefulSet's
/// or DaemonSet's revisions.
pub fn controller_revisions_matching(ns: &str, selector: &str) -> String {
    format!(
        "/apis/apps/v1/namespaces/{ns}/controllerrevisions?labelSelector={}",
        encode_value(selector)
    )
}

/// The last 15 minutes of the usage of the pods matching a label selector (Berth's
/// history; 404 where the server keeps none).
pub fn pod_metrics_history(ns: &str, selector: &str) -> String {
    format!(
        "/berth/metrics-history/namespaces/{ns}/pods?labelSelector={}",
        encode_value(selector)
    )
}

/// Every node's usage (the metrics API).
pub fn node_metrics() -> String {
    "/apis/metrics.k8s.io/v1beta1/nodes".to_owned()
}

/// The usage of the pods matching a label selector (the metrics API).
pub fn pod_metrics_matching(ns: &str, selector: &str) -> String {
    format!(
        "/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods?labelSelector={}",
        encode_value(selector)
    )
}
