//! The pod status the kubelet reports from what runs: container statuses, the phase
//! (upstream's `getPhase`), the conditions and the QoS class. Written only when it
//! changed, so a quiet node makes no writes.

use k8s_openapi::api::core::v1::{
    Container as Spec, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, HostIP, Pod, PodIP, PodStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;

use super::super::Ctx;
use super::container::{Container, Exit, PodRun, State};
use super::pull;
use crate::pod_state;

/// Writes `pod`'s status as `run` stands; `initialized` when every init container
/// completed. The answer is the resourceVersion of the write, if there was one.
pub(super) fn write(ctx: &mut Ctx, pod: &Pod, run: &PodRun, initialized: bool) -> Option<u64> {
    let now = ctx.now;
    let no_spec = k8s_openapi::api::core::v1::PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&no_spec);
    let policy = spec.restart_policy.as_deref().unwrap_or("Always");
    // Only the status is built; the pod is copied only when it changed.
    let mut next_status = pod.status.clone();
    let status = next_status.get_or_insert_with(PodStatus::default);
    status.host_ip.clone_from(&run.host_ip);
    status.host_ips = run.host_ip.clone().map(|ip| vec![HostIP { ip }]);
    status.pod_ip.clone_from(&run.pod_ip);
    status.pod_ips = run.pod_ip.clone().map(|ip| vec![PodIP { ip }]);
    status.start_time = Some(Time(run.start_time));
    status.qos_class = Some(qos_class(&spec.containers).to_owned());
    let init_specs = spec.init_containers.as_deref().unwrap_or_default();
    status.init_container_statuses = (!run.init.is_empty()).then(|| {
        run.init
            .iter()
            .zip(init_specs)
            .map(|(c, s)| container_status(c, s, "PodInitializing"))
            .collect()
    });
    status.container_statuses = Some(
        run.main
            .iter()
            .zip(&spec.containers)
            .map(|(c, s)| container_status(c, s, "ContainerCreating"))
            .collect(),
    );
    status.phase = Some(phase(run, policy).to_owned());
    let incomplete = names(&run.init, |c| !c.completed(now));
    let unready = names(&run.main, |c| !c.ready());
    let conditions = status.conditions.get_or_insert_with(Vec::new);
    condition(conditions, "PodReadyToStartContainers", None, now);
    let not_initialized = (!initialized).then(|| {
        (
            "ContainersNotInitialized",
            format!(
                "containers with incomplete status: [{}]",
                incomplete.join(" ")
            ),
        )
    });
    condition(conditions, "Initialized", not_initialized, now);
    let not_ready = (!unready.is_empty()).then(|| {
        (
            "ContainersNotReady",
            format!("containers with unready status: [{}]", unready.join(" ")),
        )
    });
    condition(conditions, "ContainersReady", not_ready.clone(), now);
    condition(conditions, "Ready", not_ready, now);
    if next_status == pod.status {
        return None;
    }
    // The old status is not copied only to be replaced.
    let mut next = Pod {
        metadata: pod.metadata.clone(),
        spec: pod.spec.clone(),
        status: next_status,
    };
    next.metadata.resource_version = None;
    let written = ctx.store.update(next).ok()?;
    written.metadata.resource_version.as_deref()?.parse().ok()
}

/// Reports a pod whose containers are being stopped as no longer ready (upstream's
/// prober answers not-ready for a terminating pod), so that clients waiting for
/// `Ready=False` and the endpoints see it before the pod goes. The answer is the
/// resourceVersion of the write, if there was one.
pub(super) fn stopping(ctx: &mut Ctx, pod: &Pod) -> Option<u64> {
    let now = ctx.now;
    let mut next_status = pod.status.clone()?;
    let mut unready = Vec::new();
    for c in next_status.container_statuses.iter_mut().flatten() {
        c.ready = false;
        unready.push(c.name.clone());
    }
    let not_ready = (
        "ContainersNotReady",
        format!("containers with unready status: [{}]", unready.join(" ")),
    );
    let conditions = next_status.conditions.get_or_insert_with(Vec::new);
    condition(conditions, "ContainersReady", Some(not_ready.clone()), now);
    condition(conditions, "Ready", Some(not_ready), now);
    if Some(&next_status) == pod.status.as_ref() {
        return None;
    }
    let mut next = pod.clone();
    next.metadata.resource_version = None;
    next.status = Some(next_status);
    let written = ctx.store.update(next).ok()?;
    written.metadata.resource_version.as_deref()?.parse().ok()
}

/// Reports a deleted pod whose containers have stopped and that a finalizer keeps:
/// each container that was running exited (137 if `killed` when its grace period ran
/// out), one that never ran is unknown, and the phase is terminal (the kubelet's
/// status before its final delete, upstream's `getPhase` for a terminal pod).
pub(super) fn ended(ctx: &mut Ctx, pod: &Pod, killed: bool) {
    let now = Time(ctx.now);
    let Some(mut next_status) = pod.status.clone() else {
        return;
    };
    let statuses = next_status.init_container_statuses.iter_mut().flatten();
    for c in statuses.chain(next_status.container_statuses.iter_mut().flatten()) {
        let state = c.state.get_or_insert_with(ContainerState::default);
        if state.terminated.is_some() {
            continue;
        }
        let ended = match state.running.take() {
            Some(running) => ContainerStateTerminated {
                exit_code: if killed { 137 } else { 0 },
                reason: Some(if killed { "Error" } else { "Completed" }.to_owned()),
                started_at: running.started_at,
                finished_at: Some(now.clone()),
                container_id: c.container_id.clone(),
                ..Default::default()
            },
            None => ContainerStateTerminated {
                exit_code: 137,
                reason: Some("ContainerStatusUnknown".to_owned()),
                message: Some(
                    "The container could not be located when the pod was terminated".to_owned(),
                ),
                ..Default::default()
            },
        };
        *state = ContainerState {
            terminated: Some(ended),
            ..Default::default()
        };
        c.ready = false;
        c.started = Some(false);
    }
    let succeeded = next_status.container_statuses.iter().flatten().all(|c| {
        c.state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .is_some_and(|t| t.exit_code == 0)
    });
    next_status.phase = Some(if succeeded { "Succeeded" } else { "Failed" }.to_owned());
    if Some(&next_status) == pod.status.as_ref() {
        return;
    }
    let mut next = pod.clone();
    next.metadata.resource_version = None;
    next.status = Some(next_status);
    if let Err(e) = ctx.store.update(next) {
        tracing::warn!("ending a deleted pod: {e}");
    }
}

fn names(cs: &[Container], pick: impl Fn(&Container) -> bool) -> Vec<&str> {
    cs.iter()
        .filter(|c| pick(c))
        .map(|c| c.name.as_str())
        .collect()
}

/// Sets a condition True (`failing` None) or False with its reason and message.
fn condition(
    conditions: &mut Vec<k8s_openapi::api::core::v1::PodCondition>,
    kind: &str,
    failing: Option<(&str, String)>,
    now: Timestamp,
) {
    pod_state::set_condition(conditions, kind, failing.is_none(), now);
    if let Some(c) = conditions.iter_mut().find(|c| c.type_ == kind) {
        let (reason, message) = failing.unzip();
        c.reason = reason.map(str::to_owned);
        c.message = message;
    }
}

fn terminated(exit: &Exit) -> ContainerState {
    ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: exit.code,
            reason: Some(exit.reason.clone()),
            started_at: Some(Time(exit.started_at)),
            finished_at: Some(Time(exit.finished_at)),
            container_id: Some(exit.container_id.clone()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn waiting(reason: &str, message: Option<String>) -> ContainerState {
    ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: Some(reason.to_owned()),
            message,
        }),
        ..Default::default()
    }
}

/// One container's status; `creating` is the waiting reason of its first creation.
fn container_status(c: &Container, spec: &Spec, creating: &str) -> ContainerStatus {
    let last = c.last.as_ref().map(terminated);
    let (state, last_state, id) = match &c.state {
        State::Waiting {
            reason, message, ..
        } => (
            waiting(reason, message.clone()),
            last,
            c.last.as_ref().map(|e| e.container_id.clone()),
        ),
        // A restart being created still shows the run that ended.
        State::Pulling { .. } | State::Creating { .. } => match &c.last {
            Some(exit) => (
                terminated(exit),
                c.before_last.as_ref().map(terminated),
                Some(exit.container_id.clone()),
            ),
            None => (waiting(creating, None), None, None),
        },
        State::Running(run) => (
            ContainerState {
                running: Some(ContainerStateRunning {
                    started_at: Some(Time(run.since)),
                }),
                ..Default::default()
            },
            last,
            Some(run.container_id.clone()),
        ),
        State::Exited(exit) => (terminated(exit), last, Some(exit.container_id.clone())),
    };
    let reference = spec.image.clone().unwrap_or_default();
    let run = c.run();
    ContainerStatus {
        name: c.name.clone(),
        image: match c.image_id {
            Some(_) => pull::normalized(&reference),
            None => reference,
        },
        image_id: c.image_id.clone().unwrap_or_default(),
        container_id: id,
        ready: c.ready(),
        restart_count: c.restart_count,
        started: Some(run.is_some_and(|r| r.started)),
        state: Some(state),
        last_state: Some(last_state.unwrap_or_default()),
        ..Default::default()
    }
}

/// Upstream's `getPhase`: Pending until the init containers completed and every
/// container ran; Running while one runs or will restart; Succeeded or Failed when all
/// ended for good.
fn phase(run: &PodRun, policy: &str) -> &'static str {
    let mut pending_init = false;
    for c in &run.init {
        match &c.state {
            State::Exited(e) if e.code == 0 => {}
            State::Exited(_) if policy == "Never" => return "Failed",
            _ => pending_init = true,
        }
    }
    if pending_init {
        return "Pending";
    }
    let (mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0);
    for c in &run.main {
        let ended = match &c.state {
            State::Running(_) => {
                running += 1;
                continue;
            }
            State::Exited(e) => Some(e),
            _ => c.last.as_ref(),
        };
        match ended {
            Some(e) => {
                stopped += 1;
                succeeded += i32::from(e.code == 0);
            }
            None => waiting += 1,
        }
    }
    match () {
        _ if waiting > 0 => "Pending",
        _ if running > 0 => "Running",
        _ if stopped > 0 && policy == "Always" => "Running",
        _ if stopped > 0 && stopped == succeeded => "Succeeded",
        _ if stopped > 0 && policy == "OnFailure" => "Running",
        _ if stopped > 0 => "Failed",
        _ => "Pending",
    }
}

/// The pod's QoS class: Guaranteed when every container's requests equal its CPU and
/// memory limits, BestEffort when none asks for anything, Burstable otherwise.
fn qos_class(containers: &[Spec]) -> &'static str {
    let mut any = false;
    let mut guaranteed = true;
    for c in containers {
        let resources = c.resources.clone().unwrap_or_default();
        let limits = resources.limits.unwrap_or_default();
        let requests = resources.requests.unwrap_or_default();
        any |= !limits.is_empty() || !requests.is_empty();
        for kind in ["cpu", "memory"] {
            let limit = limits.get(kind);
            let request = requests.get(kind).or(limit);
            guaranteed &= limit.is_some() && request == limit;
        }
    }
    match (any, guaranteed) {
        (false, _) => "BestEffort",
        (true, true) => "Guaranteed",
        (true, false) => "Burstable",
    }
}
