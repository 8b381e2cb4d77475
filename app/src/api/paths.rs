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

/// The workloads of `kind` (Deployment, StatefulSet, DaemonSet) in a namespace.
pub fn workloads(ns: &str, kind: &str) -> String {
    format!("/apis/apps/v1/namespaces/{ns}/{}", plural(kind))
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
        encode_selector(selector)
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

/// Every pod of a namespace.
pub fn pods(ns: &str) -> String {
    format!("/api/v1/namespaces/{ns}/pods")
}

/// The pods of a namespace matching a label selector (`app=web`).
pub fn pods_matching(ns: &str, selector: &str) -> String {
    format!(
        "/api/v1/namespaces/{ns}/pods?labelSelector={}",
        encode_selector(selector)
    )
}

/// A label selector as a query value.
fn encode_selector(selector: &str) -> String {
    selector
        .chars()
        .map(|c| match c {
            '=' => "%3D".to_owned(),
            ',' => "%2C".to_owned(),
            ' ' => "%20".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// One pod.
pub fn pod(ns: &str, name: &str) -> String {
    format!("/api/v1/namespaces/{ns}/pods/{name}")
}

/// The same path with `key=value` added to its query.
pub fn with_query(path: &str, key: &str, value: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{key}={value}")
}
