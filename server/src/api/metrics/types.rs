//! The `metrics.k8s.io/v1beta1` objects, as metrics-server serves them (k8s-openapi has
//! no types for this aggregated API).

use std::collections::BTreeMap;

use engine::metrics::{ContainerUsage, Sample, Usage};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::jiff::Timestamp;
use serde::Serialize;

/// The group version every object here carries.
pub const API_VERSION: &str = "metrics.k8s.io/v1beta1";

/// `{"cpu": "12m", "memory": "34Mi"}`.
pub type ResourceList = BTreeMap<&'static str, Quantity>;

fn resources(usage: &Usage) -> ResourceList {
    BTreeMap::from([("cpu", usage.cpu()), ("memory", usage.memory())])
}

/// A Go duration, as metrics-server writes its window (`15s`).
fn go_duration(window: k8s_openapi::jiff::SignedDuration) -> String {
    format!("{}s", window.as_secs())
}

/// One container's usage in a `PodMetrics`.
#[derive(Debug, Serialize)]
pub struct ContainerMetrics {
    /// The container's name.
    pub name: String,
    /// CPU and memory in use.
    pub usage: ResourceList,
}

/// `PodMetrics`: the usage of a pod's containers.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodMetrics {
    /// `PodMetrics`.
    pub kind: &'static str,
    /// `metrics.k8s.io/v1beta1`.
    pub api_version: &'static str,
    /// The pod's name, namespace and labels.
    pub metadata: ObjectMeta,
    /// When the sample was taken.
    pub timestamp: Time,
    /// Over how long it was averaged.
    pub window: String,
    /// Each running container.
    pub containers: Vec<ContainerMetrics>,
}

impl PodMetrics {
    /// The metrics of the pod with `meta`, from its sample, read at `now`.
    pub fn new(meta: &ObjectMeta, sample: Sample<Vec<ContainerUsage>>, now: Timestamp) -> Self {
        PodMetrics {
            kind: "PodMetrics",
            api_version: API_VERSION,
            metadata: metadata(meta, now),
            timestamp: Time(sample.timestamp),
            window: go_duration(sample.window),
            containers: sample
                .usage
                .into_iter()
                .map(|c| ContainerMetrics {
                    name: c.name,
                    usage: resources(&c.usage),
                })
                .collect(),
        }
    }
}

/// `NodeMetrics`: a node's usage.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeMetrics {
    /// `NodeMetrics`.
    pub kind: &'static str,
    /// `metrics.k8s.io/v1beta1`.
    pub api_version: &'static str,
    /// The node's name and labels.
    pub metadata: ObjectMeta,
    /// When the sample was taken.
    pub timestamp: Time,
    /// Over how long it was averaged.
    pub window: String,
    /// CPU and memory in use.
    pub usage: ResourceList,
}

impl NodeMetrics {
    /// The metrics of the node with `meta`, from its sample, read at `now`.
    pub fn new(meta: &ObjectMeta, sample: Sample<Usage>, now: Timestamp) -> Self {
        NodeMetrics {
            kind: "NodeMetrics",
            api_version: API_VERSION,
            metadata: metadata(meta, now),
            timestamp: Time(sample.timestamp),
            window: go_duration(sample.window),
            usage: resources(&sample.usage),
        }
    }
}

/// metrics-server's metadata: the object's name, namespace and labels, created now
/// (the metrics object exists only as it is read).
fn metadata(meta: &ObjectMeta, now: Timestamp) -> ObjectMeta {
    ObjectMeta {
        name: meta.name.clone(),
        namespace: meta.namespace.clone(),
        labels: meta.labels.clone(),
        creation_timestamp: Some(Time(now)),
        ..Default::default()
    }
}

/// `PodMetricsList` / `NodeMetricsList`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsList<T> {
    /// `PodMetricsList` or `NodeMetricsList`.
    pub kind: &'static str,
    /// `metrics.k8s.io/v1beta1`.
    pub api_version: &'static str,
    /// Empty: metrics have no resourceVersion.
    pub metadata: BTreeMap<String, String>,
    /// The objects.
    pub items: Vec<T>,
}

impl<T> MetricsList<T> {
    /// A list of `kind` holding `items`.
    pub fn new(kind: &'static str, items: Vec<T>) -> Self {
        MetricsList {
            kind,
            api_version: API_VERSION,
            metadata: BTreeMap::new(),
            items,
        }
    }
}
