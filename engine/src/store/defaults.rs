//! Upstream's defaulting of the fields a client may leave unset (as in
//! `pkg/apis/apps/v1/defaults.go` and `pkg/apis/core/v1/defaults.go`), so readers like
//! `kubectl rollout status` see the strategy the controllers follow.

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetUpdateStrategy, Deployment, DeploymentStrategy, RollingUpdateDaemonSet,
    RollingUpdateDeployment, RollingUpdateStatefulSetStrategy, StatefulSet,
    StatefulSetUpdateStrategy,
};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    Namespace, NamespaceSpec, NamespaceStatus, Pod, PodSecurityContext, Secret, Service, Toleration,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Fills what upstream defaults.
pub(super) trait Defaults {
    /// Sets the unset fields upstream defaults.
    fn set_defaults(&mut self);
}

/// Upstream's `SetDefaults_Deployment`: one replica, RollingUpdate at 25%/25%, ten old
/// ReplicaSets kept, 600 s to progress.
impl Defaults for Deployment {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.replicas.get_or_insert(1);
        let strategy = spec
            .strategy
            .get_or_insert_with(DeploymentStrategy::default);
        let type_ = strategy
            .type_
            .get_or_insert_with(|| "RollingUpdate".to_owned());
        if type_ == "RollingUpdate" {
            let quarter = || IntOrString::String("25%".to_owned());
            let rolling = strategy
                .rolling_update
                .get_or_insert_with(RollingUpdateDeployment::default);
            rolling.max_unavailable.get_or_insert_with(quarter);
            rolling.max_surge.get_or_insert_with(quarter);
        }
        spec.revision_history_limit.get_or_insert(10);
        spec.progress_deadline_seconds.get_or_insert(600);
    }
}

/// Upstream's `SetDefaults_Secret`: `type: Opaque`.
impl Defaults for Secret {
    fn set_defaults(&mut self) {
        self.type_.get_or_insert_with(|| "Opaque".to_owned());
    }
}

/// Upstream's `SetDefaults_Service`: `type: ClusterIP`, `sessionAffinity: None`, and
/// each port's protocol TCP and `targetPort` its `port`; and the status a new Service
/// is answered with (`loadBalancer: {}`).
impl Defaults for Service {
    fn set_defaults(&mut self) {
        self.status
            .get_or_insert_with(Default::default)
            .load_balancer
            .get_or_insert_with(Default::default);
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.session_affinity
            .get_or_insert_with(|| "None".to_owned());
        spec.type_.get_or_insert_with(|| "ClusterIP".to_owned());
        for port in spec.ports.iter_mut().flatten() {
            port.protocol.get_or_insert_with(|| "TCP".to_owned());
            // Upstream's rule: an unset or zero targetPort is the port.
            let unset = match &port.target_port {
                None => true,
                Some(IntOrString::Int(0)) => true,
                Some(IntOrString::String(s)) => s.is_empty(),
                Some(IntOrString::Int(_)) => false,
            };
            if unset {
                port.target_port = Some(IntOrString::Int(port.port));
            }
        }
    }
}

impl Defaults for StatefulSet {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.pod_management_policy
            .get_or_insert_with(|| "OrderedReady".to_owned());
        spec.revision_history_limit.get_or_insert(10);
        let strategy = spec
            .update_strategy
            .get_or_insert_with(StatefulSetUpdateStrategy::default);
        let type_ = strategy
            .type_
            .get_or_insert_with(|| "RollingUpdate".to_owned());
        if type_ == "RollingUpdate" {
            strategy
                .rolling_update
                .get_or_insert_with(RollingUpdateStatefulSetStrategy::default)
                .partition
                .get_or_insert(0);
        }
    }
}

impl Defaults for DaemonSet {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.revision_history_limit.get_or_insert(10);
        let strategy = spec
            .update_strategy
            .get_or_insert_with(DaemonSetUpdateStrategy::default);
        let type_ = strategy
            .type_
            .get_or_insert_with(|| "RollingUpdate".to_owned());
        if type_ == "RollingUpdate" {
            let rolling = strategy
                .rolling_update
                .get_or_insert_with(RollingUpdateDaemonSet::default);
            rolling.max_unavailable.get_or_insert(IntOrString::Int(1));
            rolling.max_surge.get_or_insert(IntOrString::Int(0));
        }
    }
}

/// Upstream's `SetDefaults_Pod` and `SetDefaults_PodSpec`, with what its admission
/// plugins add to every pod: the `default` ServiceAccount (`ServiceAccount`), its
/// class's priority (`Priority`) and 300 s on a failing node (`DefaultTolerationSeconds`). An image pull policy is left to the node agent, which
/// reads the tag as upstream's defaulting does.
impl Defaults for Pod {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.dns_policy
            .get_or_insert_with(|| "ClusterFirst".to_owned());
        spec.restart_policy
            .get_or_insert_with(|| "Always".to_owned());
        spec.scheduler_name
            .get_or_insert_with(|| "default-scheduler".to_owned());
        spec.termination_grace_period_seconds
            .get_or_insert(crate::delete::DEFAULT_GRACE_SECONDS);
        spec.security_context
            .get_or_insert_with(PodSecurityContext::default);
        spec.enable_service_links.get_or_insert(true);
        // The built-in classes' values; every other pod gets the default, 0.
        let priority = match spec.priority_class_name.as_deref() {
            Some("system-node-critical") => 2_000_001_000,
            Some("system-cluster-critical") => 2_000_000_000,
            _ => 0,
        };
        spec.priority.get_or_insert(priority);
        default_tolerations(spec.tolerations.get_or_insert_with(Vec::new));
        let account = spec
            .service_account_name
            .get_or_insert_with(|| crate::DEFAULT_SERVICE_ACCOUNT.to_owned())
            .clone();
        // The deprecated field mirrors the name, as upstream's conversion to v1 does.
        spec.service_account = Some(account);
        let init = spec.init_containers.iter_mut().flatten();
        for container in spec.containers.iter_mut().chain(init) {
            container
                .termination_message_path
                .get_or_insert_with(|| "/dev/termination-log".to_owned());
            container
                .termination_message_policy
                .get_or_insert_with(|| "File".to_owned());
            for port in container.ports.iter_mut().flatten() {
                port.protocol.get_or_insert_with(|| "TCP".to_owned());
            }
        }
    }
}

/// The `DefaultTolerationSeconds` admission plugin: a pod stays 300 s on a node that
/// turns not-ready or unreachable, unless it says otherwise.
fn default_tolerations(tolerations: &mut Vec<Toleration>) {
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let covered = tolerations.iter().any(|t| {
            let effect = t.effect.as_deref().unwrap_or_default();
            let key_matches = t.key.as_deref().is_none_or(|k| k.is_empty() || k == key);
            key_matches && (effect.is_empty() || effect == "NoExecute")
        });
        if !covered {
            tolerations.push(Toleration {
                key: Some(key.to_owned()),
                operator: Some("Exists".to_owned()),
                effect: Some("NoExecute".to_owned()),
                toleration_seconds: Some(300),
                value: None,
            });
        }
    }
}

/// What upstream gives every namespace: the `kubernetes` finalizer, phase Active
/// (its strategy's `PrepareForCreate`) and the `kubernetes.io/metadata.name` label
/// (`SetDefaults_Namespace`).
impl Defaults for Namespace {
    fn set_defaults(&mut self) {
        if let Some(name) = self.metadata.name.clone() {
            self.metadata
                .labels
                .get_or_insert_with(Default::default)
                .insert("kubernetes.io/metadata.name".to_owned(), name);
        }
        self.spec
            .get_or_insert_with(NamespaceSpec::default)
            .finalizers
            .get_or_insert_with(|| vec!["kubernetes".to_owned()]);
        self.status
            .get_or_insert_with(NamespaceStatus::default)
            .phase
            .get_or_insert_with(|| "Active".to_owned());
    }
}

/// Upstream's `SetDefaults_Job`: one completion at a time unless told otherwise, six
/// retries, NonIndexed, not suspended, replacements once a pod is terminating or
/// failed; the Job takes its template's labels when it has none.
impl Defaults for Job {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        if spec.completions.is_none() && spec.parallelism.is_none() {
            spec.completions = Some(1);
        }
        spec.parallelism.get_or_insert(1);
        spec.backoff_limit.get_or_insert(6);
        spec.completion_mode
            .get_or_insert_with(|| "NonIndexed".to_owned());
        spec.suspend.get_or_insert(false);
        if spec.pod_failure_policy.is_none() {
            spec.pod_replacement_policy
                .get_or_insert_with(|| "TerminatingOrFailed".to_owned());
        }
        if self.metadata.labels.as_ref().is_none_or(|l| l.is_empty()) {
            let template = spec.template.metadata.as_ref();
            self.metadata.labels = template.and_then(|m| m.labels.clone());
        }
    }
}

/// Upstream's `SetDefaults_CronJob`: runs may overlap, it is not suspended, and the
/// last three successful and one failed Job are kept.
impl Defaults for CronJob {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.concurrency_policy
            .get_or_insert_with(|| "Allow".to_owned());
        spec.suspend.get_or_insert(false);
        spec.successful_jobs_history_limit.get_or_insert(3);
        spec.failed_jobs_history_limit.get_or_insert(1);
    }
}

/// The label a Job's selector and pods carry with its uid.
pub const JOB_CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";
/// The label a Job's pods carry with its name.
pub const JOB_NAME: &str = "batch.kubernetes.io/job-name";

/// Upstream's `generateSelector` (the Job strategy's `PrepareForCreate`): unless the
/// client asked for `manualSelector`, the selector is the Job's uid and the pod
/// template carries it, with the Job's name, in both label spellings.
pub(super) fn generate_job_selector(job: &mut Job) {
    let uid = job.metadata.uid.clone().unwrap_or_default();
    let name = job.metadata.name.clone().unwrap_or_default();
    let Some(spec) = job.spec.as_mut() else {
        return;
    };
    if spec.manual_selector == Some(true) {
        return;
    }
    let labels = spec
        .template
        .metadata
        .get_or_insert_with(Default::default)
        .labels
        .get_or_insert_with(Default::default);
    for (key, value) in [
        (JOB_CONTROLLER_UID, &uid),
        (JOB_NAME, &name),
        ("controller-uid", &uid),
        ("job-name", &name),
    ] {
        labels.insert(key.to_owned(), value.clone());
    }
    let labels = labels.clone();
    spec.selector = Some(LabelSelector {
        match_labels: Some([(JOB_CONTROLLER_UID.to_owned(), uid)].into()),
        match_expressions: None,
    });
    // The Job takes its template's labels, these among them, when it has none.
    if job.metadata.labels.as_ref().is_none_or(|l| l.is_empty()) {
        job.metadata.labels = Some(labels);
    }
}

/// Upstream's `applySchedulingGatedCondition` (the pod strategy's `PrepareForCreate`):
/// a pod created with scheduling gates says why it is not scheduled.
pub(super) fn scheduling_gated_condition(pod: &mut Pod) {
    if pod
        .spec
        .as_ref()
        .and_then(|s| s.scheduling_gates.as_ref())
        .is_none_or(Vec::is_empty)
    {
        return;
    }
    let conditions = pod
        .status
        .get_or_insert_with(Default::default)
        .conditions
        .get_or_insert_with(Vec::new);
    if conditions.iter().any(|c| c.type_ == "PodScheduled") {
        return;
    }
    conditions.push(k8s_openapi::api::core::v1::PodCondition {
        type_: "PodScheduled".to_owned(),
        status: "False".to_owned(),
        reason: Some("SchedulingGated".to_owned()),
        message: Some("Scheduling is blocked due to non-empty scheduling gates".to_owned()),
        ..Default::default()
    });
}
