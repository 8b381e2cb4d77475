//! The node filters that read only the node and the pods already on it, as upstream's
//! plugins `NodeUnschedulable`, `TaintToleration`, `NodeAffinity` and
//! `NodeResourcesFit` do (with the GPUs as extended resources), and the pod
//! type (SPEC §1.1), with the resource figures the scorer reads too.

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Container, Node, Pod, Taint, Toleration};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use rules::workload::{pod_type_of, GPU_RESOURCES};

use super::affinity;
use super::diagnosis::Reason;

/// The taint the node lifecycle controller puts on a node that is not Ready.
const NOT_READY_TAINT: &str = "node.kubernetes.io/not-ready";
/// The taint that stands for a cordoned node (`spec.unschedulable`).
const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";
/// What a container without a CPU request counts for when scoring (upstream's
/// `DefaultMilliCPURequest`), so that such pods still spread.
const DEFAULT_MILLI_CPU: i64 = 100;
/// What a container without a memory request counts for when scoring
/// (upstream's `DefaultMemoryRequest`, 200 MB).
const DEFAULT_MEMORY: i64 = 200 * 1024 * 1024;

/// CPU (millicores), memory (bytes) and GPUs of each kind ([`GPU_RESOURCES`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub gpus: [i64; GPU_RESOURCES.len()],
}

impl Resources {
    fn add(&mut self, other: Resources) {
        self.milli_cpu += other.milli_cpu;
        self.memory += other.memory;
        for (mine, theirs) in self.gpus.iter_mut().zip(other.gpus) {
            *mine += theirs;
        }
    }

    fn sub(&mut self, other: Resources) {
        self.milli_cpu -= other.milli_cpu;
        self.memory -= other.memory;
        for (mine, theirs) in self.gpus.iter_mut().zip(other.gpus) {
            *mine -= theirs;
        }
    }

    fn max(self, other: Resources) -> Resources {
        Resources {
            milli_cpu: self.milli_cpu.max(other.milli_cpu),
            memory: self.memory.max(other.memory),
            gpus: std::array::from_fn(|i| self.gpus[i].max(other.gpus[i])),
        }
    }
}

/// What a pending pod asks for, read once for all the nodes it is weighed against.
pub(super) struct Wanted {
    /// Its requests, as the fit check counts them.
    requests: Resources,
    /// Its requests with the scoring defaults for unset ones.
    non_zero: Resources,
    /// Its pod type, which the node must run.
    pod_type: String,
}

impl Wanted {
    pub fn of(pod: &Pod) -> Self {
        Wanted {
            requests: requests(pod, false),
            non_zero: requests(pod, true),
            pod_type: pod_type_of(pod.metadata.annotations.as_ref()).to_owned(),
        }
    }
}

/// Whether `node` runs pods of `pod_type`: its pod-type label names it, or it has none
/// and the pod is general-purpose (SPEC §1.1: each pod type has its own nodes).
pub(crate) fn runs_pod_type(node: &Node, pod_type: &str) -> bool {
    pod_type_of(node.metadata.labels.as_ref()) == pod_type
}

/// One node as the scheduler sees it during a pass: what it offers and what the pods
/// bound to it already ask for.
#[derive(Clone)]
pub(super) struct NodeInfo {
    pub node: Arc<Node>,
    pub name: String,
    allocatable: Resources,
    max_pods: i64,
    /// The requests of its pods, as the fit check counts them.
    requested: Resources,
    /// The requests of its pods with the scoring defaults for unset ones.
    non_zero: Resources,
    /// How many pods are bound to it (finished ones left out).
    pub pods: i64,
    /// Its Ready condition is True.
    ready: bool,
    /// The pod type it runs, read once rather than from its labels for every pod.
    pod_type: String,
}

impl NodeInfo {
    pub fn new(node: Arc<Node>) -> Self {
        let allocatable = node.status.as_ref().and_then(|s| s.allocatable.as_ref());
        let amount = |key: &str, scale: f64| {
            allocatable
                .and_then(|a| a.get(key))
                .map_or(0, |q| quantity(q, scale))
        };
        NodeInfo {
            name: node.metadata.name.clone().unwrap_or_default(),
            allocatable: Resources {
                milli_cpu: amount("cpu", 1000.0),
                memory: amount("memory", 1.0),
                gpus: GPU_RESOURCES.map(|gpu| amount(gpu, 1.0)),
            },
            max_pods: amount("pods", 1.0),
            requested: Resources::default(),
            non_zero: Resources::default(),
            pods: 0,
            ready: node
                .status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True")),
            pod_type: pod_type_of(node.metadata.labels.as_ref()).to_owned(),
            node,
        }
    }

    /// Counts a pod bound to this node.
    pub fn add_pod(&mut self, pod: &Pod) {
        self.requested.add(requests(pod, false));
        self.non_zero.add(requests(pod, true));
        self.pods += 1;
    }

    /// Stops counting a pod that left this node (or finished).
    pub fn remove_pod(&mut self, pod: &Pod) {
        self.requested.sub(requests(pod, false));
        self.non_zero.sub(requests(pod, true));
        self.pods -= 1;
    }

    /// Runs the node-level filters in upstream's order; the first that fails gives the
    /// node's reasons (resource fit may give several).
    pub fn filter(&self, pod: &Pod, wanted: &Wanted) -> Result<(), Vec<Reason>> {
        let spec = self.node.spec.as_ref();
        let tolerations = pod
            .spec
            .as_ref()
            .and_then(|s| s.tolerations.as_deref())
            .unwrap_or_default();
        let cordoned = spec.and_then(|s| s.unschedulable) == Some(true);
        if cordoned {
            let cordon_taint = taint(UNSCHEDULABLE_TAINT, "NoSchedule");
            if !tolerations.iter().any(|t| tolerates(t, &cordon_taint)) {
                return Err(vec![Reason::Unschedulable]);
            }
        }
        if let Some(taint) = self.untolerated_taint(tolerations) {
            return Err(vec![Reason::Taint(
                taint.key.clone(),
                taint.value.clone().unwrap_or_default(),
            )]);
        }
        if !affinity::node_selected(pod, &self.node) {
            return Err(vec![Reason::NodeAffinity]);
        }
        // The pod type works as a nodeSelector on the pod-type label would.
        if self.pod_type != wanted.pod_type {
            return Err(vec![Reason::PodType(wanted.pod_type.clone())]);
        }
        self.fits(wanted)
    }

    /// Upstream's `TaintToleration` filter: the first NoSchedule or NoExecute taint the
    /// pod does not tolerate. A node that is not Ready carries the not-ready taint, as
    /// the node lifecycle controller gives it.
    fn untolerated_taint(&self, tolerations: &[Toleration]) -> Option<Taint> {
        let ready = self.ready;
        let untolerated = |t: &Taint| {
            matches!(t.effect.as_str(), "NoSchedule" | "NoExecute")
                && !tolerations.iter().any(|tol| tolerates(tol, t))
        };
        let not_ready = (!ready).then(|| taint(NOT_READY_TAINT, "NoSchedule"));
        if let Some(t) = not_ready.filter(|t| untolerated(t)) {
            return Some(t);
        }
        let taints = self.node.spec.as_ref().and_then(|s| s.taints.as_deref());
        taints
            .unwrap_or_default()
            .iter()
            .find(|t| untolerated(t))
            .cloned()
    }

    /// Upstream's `NodeResourcesFit` filter: the pod's requests added to those of the
    /// node's pods stay within the node's allocatable CPU, memory, GPUs (an extended
    /// resource: a node without it has none) and pod count.
    fn fits(&self, wanted: &Wanted) -> Result<(), Vec<Reason>> {
        let mut reasons = Vec::new();
        if self.pods + 1 > self.max_pods {
            reasons.push(Reason::TooManyPods);
        }
        let wanted = wanted.requests;
        if wanted.milli_cpu > 0
            && wanted.milli_cpu > self.allocatable.milli_cpu - self.requested.milli_cpu
        {
            reasons.push(Reason::Insufficient("cpu"));
        }
        if wanted.memory > 0 && wanted.memory > self.allocatable.memory - self.requested.memory {
            reasons.push(Reason::Insufficient("memory"));
        }
        for (i, gpu) in GPU_RESOURCES.into_iter().enumerate() {
            if wanted.gpus[i] > 0
                && wanted.gpus[i] > self.allocatable.gpus[i] - self.requested.gpus[i]
            {
                reasons.push(Reason::Insufficient(gpu));
            }
        }
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(reasons)
        }
    }

    /// Upstream's `LeastAllocated` score (0–100): the share of CPU and memory left free
    /// once the pod is placed, averaged; unset requests count their defaults.
    pub fn least_allocated(&self, wanted: &Wanted) -> i64 {
        let wanted = wanted.non_zero;
        let score = |requested: i64, capacity: i64| {
            if capacity == 0 || requested > capacity {
                0
            } else {
                (capacity - requested) * 100 / capacity
            }
        };
        let cpu = score(
            self.non_zero.milli_cpu + wanted.milli_cpu,
            self.allocatable.milli_cpu,
        );
        let memory = score(
            self.non_zero.memory + wanted.memory,
            self.allocatable.memory,
        );
        (cpu + memory) / 2
    }
}

fn taint(key: &str, effect: &str) -> Taint {
    Taint {
        key: key.to_owned(),
        effect: effect.to_owned(),
        ..Default::default()
    }
}

/// Upstream's `Toleration.ToleratesTaint`: an empty effect matches every effect, an
/// empty key with `Exists` every key.
pub(crate) fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    let effect = toleration.effect.as_deref().unwrap_or_default();
    if !effect.is_empty() && effect != taint.effect {
        return false;
    }
    let key = toleration.key.as_deref().unwrap_or_default();
    match toleration.operator.as_deref() {
        Some("Exists") => key.is_empty() || key == taint.key,
        _ => {
            key == taint.key
                && toleration.value.as_deref().unwrap_or_default()
                    == taint.value.as_deref().unwrap_or_default()
        }
    }
}

/// A pod's effective requests: its containers' sum, or the largest init container's if
/// that is more (upstream's `resource.PodRequests`). A request left out is the limit
/// when one is set (API defaulting), else 0, or the scoring default for `non_zero`.
fn requests(pod: &Pod, non_zero: bool) -> Resources {
    let Some(spec) = pod.spec.as_ref() else {
        return Resources::default();
    };
    let mut sum = Resources::default();
    for c in &spec.containers {
        sum.add(container_requests(c, non_zero));
    }
    spec.init_containers
        .iter()
        .flatten()
        .map(|c| container_requests(c, non_zero))
        .fold(sum, Resources::max)
}

fn container_requests(c: &Container, non_zero: bool) -> Resources {
    let resources = c.resources.as_ref();
    let amount = |key: &str, scale: f64, default: i64| {
        resources
            .and_then(|r| {
                r.requests
                    .as_ref()
                    .and_then(|q| q.get(key))
                    .or_else(|| r.limits.as_ref().and_then(|l| l.get(key)))
            })
            .map(|q| quantity(q, scale))
            .unwrap_or(if non_zero { default } else { 0 })
    };
    Resources {
        milli_cpu: amount("cpu", 1000.0, DEFAULT_MILLI_CPU),
        memory: amount("memory", 1.0, DEFAULT_MEMORY),
        // Extended resources have no scoring default.
        gpus: GPU_RESOURCES.map(|gpu| amount(gpu, 1.0, 0)),
    }
}

/// A quantity in `1/scale` units, rounded up as upstream's `MilliValue` / `Value` do;
/// an unreadable one is 0 (admission has refused those already).
fn quantity(q: &Quantity, scale: f64) -> i64 {
    let Ok(value) = rules::quantity::parse(&q.0) else {
        return 0;
    };
    let scaled = value * scale;
    // `100m` read as a float is a hair over 0.1 core: that is not a 101st millicore.
    let nearest = scaled.round();
    if (scaled - nearest).abs() <= 1e-6 * nearest.abs().max(1.0) {
        nearest as i64
    } else {
        scaled.ceil() as i64
    }
}
