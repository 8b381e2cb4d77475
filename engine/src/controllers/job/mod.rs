//! The Job controller, as upstream's `pkg/controller/job`: runs a Job's pods until
//! enough of them succeed (`completions`, at most `parallelism` at a time, each index
//! once for an Indexed Job), gives up after `backoffLimit` failures or
//! `activeDeadlineSeconds`, and stops its pods while it is suspended.

mod conditions;
mod indexes;
mod pods;
mod tracking;

use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::api::batch::v1::{Job, JobSpec, JobStatus, UncountedTerminatedPods};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::queue::Queue;
use super::replicaset::pods_of;
use super::Ctx;
use crate::pod_state;
use crate::store::{key_of, EventType};

pub(crate) use conditions::{finished_at, succeeded};

const COMPONENT: &str = "job-controller";

/// What the Job controller remembers between passes.
#[derive(Default)]
pub(crate) struct Controller {
    queue: Queue,
    /// Failures since the last success, and when the latest was, by Job uid (upstream's
    /// `backoffRecordStore`, in memory there too).
    backoff: HashMap<String, tracking::Backoff>,
}

impl Controller {
    /// The resourceVersion up to which the controller has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        self.queue.seen()
    }
}

/// One pass over the Jobs with something new.
pub(crate) fn sync_all(ctx: &mut Ctx, controller: &mut Controller) {
    let mut orphans = Vec::new();
    let keys = controller
        .queue
        .controllers::<Job>(ctx.store, ctx.now, |since, _| {
            orphans = ctx
                .store
                .recent_changes::<Pod>(since)
                .iter()
                .filter(|c| {
                    c.kind != EventType::Deleted && tracking::orphaned(ctx.store, &c.object)
                })
                .map(|c| key_of(&*c.object))
                .collect();
        });
    for (ns, name) in orphans {
        tracking::release_orphan(ctx, &ns, &name);
    }
    for (ns, name) in keys {
        let Some(job) = ctx.store.get::<Job>(&ns, &name) else {
            continue;
        };
        if job.metadata.deletion_timestamp.is_some() {
            continue;
        }
        ctx.take_woken().for_each(drop);
        sync(ctx, controller, &job);
        let woken: Vec<_> = ctx.take_woken().collect();
        controller.queue.wake(&key_of(&*job), woken);
    }
}

fn uid_of(job: &Job) -> &str {
    job.metadata.uid.as_deref().unwrap_or_default()
}

/// Brings one Job a step toward what it asks for, then writes its status.
fn sync(ctx: &mut Ctx, controller: &mut Controller, job: &Arc<Job>) {
    let Some(spec) = job.spec.as_ref() else {
        return;
    };
    let mut status = job.status.clone().unwrap_or_default();
    let pods = pods_of(ctx.store, uid_of(job));
    let backoff = controller
        .backoff
        .entry(uid_of(job).to_owned())
        .or_default();
    tracking::count_finished(ctx, job, &pods, &mut status, backoff);
    if conditions::finished(&status) {
        // A finished Job creates no more pods: its back-off is no longer needed.
        controller.backoff.remove(uid_of(job));
        write_status(ctx, job, status);
        return;
    }
    let active: Vec<Arc<Pod>> = pods
        .iter()
        .filter(|p| pod_state::is_active(p))
        .cloned()
        .collect();
    if spec.suspend == Some(true) {
        conditions::suspend(ctx, job, &mut status);
        pods::delete(ctx, job, &active);
    } else {
        conditions::resume(ctx, job, &mut status);
        let start = status.start_time.get_or_insert(Time(ctx.now)).0;
        match ending(ctx, spec, &status, &active, start) {
            Some(end) => conditions::end(ctx, job, &mut status, &active, &pods, end),
            None => pods::manage(ctx, job, spec, &status, &active, backoff),
        }
    }
    write_status(ctx, job, status);
}

/// How a Job ends: failed or succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// Too many failures, or out of time: the reason and message of its Failed
    /// condition.
    Failed(&'static str, &'static str),
    /// Enough pods succeeded.
    Complete,
}

/// Whether the Job has reached its end: its success (or one already decided), or one
/// of upstream's failures: more failures than `backoffLimit` (counting an OnFailure
/// pod's restarts), or `activeDeadlineSeconds` passed since its start (a timer
/// otherwise).
fn ending(
    ctx: &mut Ctx,
    spec: &JobSpec,
    status: &JobStatus,
    active: &[Arc<Pod>],
    start: Timestamp,
) -> Option<End> {
    if let Some(end) = conditions::decided(status) {
        return Some(end);
    }
    let limit = spec.backoff_limit.unwrap_or(6);
    let failed = status.failed.unwrap_or(0);
    let on_failure = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref())
        == Some("OnFailure");
    let exceeded = if on_failure {
        let restarts: i32 = active.iter().map(|p| pod_state::restarts(p)).sum();
        failed + restarts > limit || (limit == 0 && restarts > 0)
    } else {
        failed > limit
    };
    if exceeded {
        return Some(End::Failed(
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
        ));
    }
    if let Some(deadline) = spec.active_deadline_seconds {
        let at = start + SignedDuration::from_secs(deadline);
        if ctx.now >= at {
            return Some(End::Failed(
                "DeadlineExceeded",
                "Job was active longer than specified deadline",
            ));
        }
        ctx.wake_at(at);
    }
    indexes::succeeded_enough(spec, status, active).then_some(End::Complete)
}

/// Writes the status with the pods as they now are.
fn write_status(ctx: &mut Ctx, job: &Arc<Job>, mut status: JobStatus) {
    let pods = pods_of(ctx.store, uid_of(job));
    let active = pods.iter().filter(|p| pod_state::is_active(p));
    status.active = Some(active.clone().count() as i32).filter(|n| *n > 0);
    status.ready = Some(active.filter(|p| pod_state::is_ready(p)).count() as i32);
    let terminating = pods
        .iter()
        .filter(|p| pod_state::is_terminating(p) && !tracking::terminal(p))
        .count() as i32;
    status.terminating = Some(terminating);
    status
        .uncounted_terminated_pods
        .get_or_insert_with(UncountedTerminatedPods::default);
    if job.status.as_ref() != Some(&status) {
        let mut updated = (**job).clone();
        updated.status = Some(status);
        updated.metadata.resource_version = None;
        if let Err(e) = ctx.store.update(updated) {
            tracing::warn!("job status: {e}");
        }
    }
}
