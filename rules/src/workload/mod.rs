//! The rules of a workload manifest (Deployment, StatefulSet, DaemonSet): SPEC §1 and
//! upstream's `apps/v1` validation, checked over the manifest's JSON so the form (which
//! builds the manifest) and the API (which receives it) run the very same code.

pub mod batch;
pub(crate) mod container;
mod logs;
mod placement;
mod pod;
mod probe;
mod scheduling;
mod security;
mod strategy;
mod volume;

use serde_json::Value;

use crate::walk::At;
use crate::{workload_name, Findings, Violation};

pub use container::{env_name, port_name, FIELD_PATHS};
pub use logs::LOGS_PREFIX;
pub use placement::{qualified_name, CLUSTER_LABEL, NODE_OPERATORS, REPLICA_SCHEDULING};
pub use pod::POD_TYPES;
pub use probe::{ProbeKind, ProbeParameter, PROBE_DEFAULTS};
pub use scheduling::{weighted_split, Scheduling, SchedulingMode};
pub use volume::STORAGE_CLASSES;

/// The annotation holding a workload's description.
pub const DESCRIPTION: &str = "berth.dev/description";
/// The longest description.
pub const MAX_DESCRIPTION: usize = 250;
/// The pod template annotation naming the pod type (`general`, `rdma`, `gpu`); nodes
/// carry it as a label naming the pod type they run.
pub const POD_TYPE: &str = "berth.dev/pod-type";
/// The pod type of a pod (or node) that names none.
pub const DEFAULT_POD_TYPE: &str = "general";
/// The GPU resource a container asks for by default (seed 004's GPU type), an extended
/// resource that nodes with GPUs offer.
pub const GPU_RESOURCE: &str = "nvidia.com/gpu";
/// The GPU resources a container can ask for (the form offers them; the scheduler
/// counts each as the extended resource it is).
pub const GPU_RESOURCES: [&str; 2] = [GPU_RESOURCE, "amd.com/gpu"];
/// The label giving a namespace's type (`general` or `gpu`).
pub const NAMESPACE_TYPE_LABEL: &str = "berth.dev/namespace-type";

/// The field path of the pod type annotation, where pod type and flavour rules report.
pub fn pod_type_path() -> String {
    format!("spec.template.metadata.annotations[{POD_TYPE}]")
}

/// The pod type in a pod's annotations or a node's labels: [`POD_TYPE`]'s value, or
/// [`DEFAULT_POD_TYPE`] without one.
pub fn pod_type_of(map: Option<&std::collections::BTreeMap<String, String>>) -> &str {
    map.and_then(|m| m.get(POD_TYPE))
        .map_or(DEFAULT_POD_TYPE, String::as_str)
}

/// The pod types a workload may ask for on a cluster whose nodes carry `node_labels`:
/// general-purpose always, and each other known type that some node runs (its
/// [`POD_TYPE`] label), GPU only in a GPU namespace. On a cluster whose nodes carry no
/// pod type (most real clusters) that is general-purpose alone.
pub fn offered_pod_types<'a>(
    node_labels: impl IntoIterator<Item = &'a std::collections::BTreeMap<String, String>>,
    gpu_namespace: bool,
) -> Vec<&'static str> {
    let run: Vec<&str> = node_labels
        .into_iter()
        .map(|labels| pod_type_of(Some(labels)))
        .collect();
    pod::POD_TYPES
        .into_iter()
        .filter(|t| *t == DEFAULT_POD_TYPE || run.contains(t))
        .filter(|t| *t != "gpu" || gpu_namespace)
        .collect()
}

/// Whether a namespace with these labels is a GPU namespace (GPU pods only run there).
pub fn is_gpu_namespace(labels: &std::collections::BTreeMap<String, String>) -> bool {
    labels.get(NAMESPACE_TYPE_LABEL).is_some_and(|t| t == "gpu")
}

/// The workload kinds the wizard creates.
pub const KINDS: [&str; 3] = ["Deployment", "StatefulSet", "DaemonSet"];

/// What the validation needs to know beyond the manifest.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Whether the target namespace is a GPU namespace.
    pub gpu_namespace: bool,
}

/// Every broken rule of a workload manifest.
pub fn validate_workload(manifest: &Value, context: Context) -> Findings {
    let mut findings = Findings::default();
    let root = At::root(manifest);
    let kind = root.field("kind").str().unwrap_or_default();
    if batch::KINDS.contains(&kind) {
        return batch::validate(kind, &root, context);
    }
    if !KINDS.contains(&kind) {
        findings.error(
            "kind",
            Violation::Unsupported {
                value: kind.to_owned(),
                allowed: &KINDS,
            },
        );
        return findings;
    }
    metadata(&root.field("metadata"), &mut findings);
    let spec = root.field("spec");
    if kind != "DaemonSet" {
        at_least(&spec.field("replicas"), 0, &mut findings);
        placement::replica_scheduling(
            &root.field("metadata"),
            &spec.field("replicas"),
            &mut findings,
        );
    }
    at_least(&spec.field("minReadySeconds"), 0, &mut findings);
    at_least(&spec.field("revisionHistoryLimit"), 0, &mut findings);
    if kind == "Deployment" {
        progress_deadline(&spec, &mut findings);
    }
    strategy::validate(kind, &spec, &mut findings);
    selector(&spec, &mut findings);
    template(&spec.field("template"), context, &mut findings);
    findings
}

/// The rules of a pod template (a workload's, a Job's): its pod, security, placement
/// and logs.
pub(crate) fn template(template: &At, context: Context, findings: &mut Findings) {
    let annotations = template.field("metadata").field("annotations");
    let pod_type = annotations
        .field(POD_TYPE)
        .str()
        .unwrap_or(DEFAULT_POD_TYPE);
    let pod = template.field("spec");
    pod::validate(&pod, pod_type, context, findings);
    security::validate(&pod.field("securityContext"), true, findings);
    placement::affinity(&pod.field("affinity"), findings);
    let containers: Vec<String> = ["initContainers", "containers"]
        .iter()
        .flat_map(|list| pod.field(list).items())
        .filter_map(|c| c.field("name").str().map(str::to_owned))
        .collect();
    logs::validate(&annotations, &containers, findings);
}

/// The rules a bare Pod (one no workload made) keeps: upstream's basics (containers,
/// each named and with an image), and GPUs only in a GPU-accelerated pod of a GPU
/// namespace, in one container. The form never writes Pods.
pub fn validate_pod(manifest: &Value, context: Context) -> Findings {
    let mut findings = Findings::default();
    let root = At::root(manifest);
    let annotations = root.field("metadata").field("annotations");
    let pod_type = annotations
        .field(POD_TYPE)
        .str()
        .unwrap_or(DEFAULT_POD_TYPE);
    let spec = root.field("spec");
    pod::containers_named(&spec, &mut findings);
    pod::gpu(&spec, pod_type, context, &mut findings);
    findings
}

pub(crate) fn metadata(meta: &At, findings: &mut Findings) {
    let name = meta.field("name");
    findings.check(&name.path, workload_name(name.str().unwrap_or_default()));
    let namespace = meta.field("namespace");
    if let Some(ns) = namespace.str() {
        findings.check(&namespace.path, crate::dns_label(ns));
    }
    let description = meta.field("annotations").field(DESCRIPTION);
    if description.str().unwrap_or_default().chars().count() > MAX_DESCRIPTION {
        findings.error(
            description.path,
            Violation::TooLong {
                max: MAX_DESCRIPTION,
            },
        );
    }
}

/// Records an error if the integer at `at` is below `min`.
pub(crate) fn at_least(at: &At, min: i64, findings: &mut Findings) {
    match at.int() {
        Some(n) if n < min => findings.error(&at.path, Violation::AtLeast { min }),
        None if at.present() => findings.error(&at.path, Violation::WholeNumber),
        _ => {}
    }
}

fn progress_deadline(spec: &At, findings: &mut Findings) {
    let deadline = spec.field("progressDeadlineSeconds");
    let min_ready = spec.field("minReadySeconds").int().unwrap_or(0);
    if deadline.int().is_some_and(|d| d <= min_ready) {
        findings.error(deadline.path, Violation::DeadlineNotAboveMinReady);
    }
}

fn selector(spec: &At, findings: &mut Findings) {
    let selector = spec.field("selector");
    let wanted = selector.field("matchLabels");
    if !selector.present() {
        findings.error(selector.path, Violation::Required);
        return;
    }
    let labels = spec.field("template").field("metadata").field("labels");
    let matches = wanted
        .entries()
        .iter()
        .all(|(key, value)| labels.field(key).str() == value.str());
    if !matches || (wanted.entries().is_empty() && !selector.field("matchExpressions").present()) {
        findings.error(labels.path, Violation::SelectorMismatch);
    }
}
