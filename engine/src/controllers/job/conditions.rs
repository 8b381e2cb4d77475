//! A Job's conditions: Suspended while suspended, then how it ended. As upstream since
//! 1.31, the decision comes first (`SuccessCriteriaMet`, `FailureTarget`) and the end
//! (`Complete`, `Failed`) once none of its pods runs any more.

use std::sync::Arc;

use k8s_openapi::api::batch::v1::{Job, JobCondition, JobStatus};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;

use super::{pods, End, COMPONENT};
use crate::controllers::Ctx;

fn has<'a>(status: &'a JobStatus, kind: &str) -> Option<&'a JobCondition> {
    status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == kind && c.status == "True")
}

/// Whether the Job has ended (Complete or Failed).
pub(crate) fn finished(status: &JobStatus) -> bool {
    has(status, "Complete").is_some() || has(status, "Failed").is_some()
}

/// When a finished Job ended (its Complete or Failed condition's time).
pub(crate) fn finished_at(job: &Job) -> Option<Timestamp> {
    let status = job.status.as_ref()?;
    has(status, "Complete")
        .or_else(|| has(status, "Failed"))
        .and_then(|c| c.last_transition_time.as_ref())
        .map(|t| t.0)
}

/// Whether a finished Job succeeded.
pub(crate) fn succeeded(job: &Job) -> bool {
    job.status
        .as_ref()
        .is_some_and(|s| has(s, "Complete").is_some())
}

/// An end already decided in an earlier pass, whose pods were still stopping.
pub(super) fn decided(status: &JobStatus) -> Option<End> {
    if has(status, "SuccessCriteriaMet").is_some() {
        return Some(End::Complete);
    }
    let target = has(status, "FailureTarget")?;
    Some(match target.reason.as_deref() {
        Some("DeadlineExceeded") => End::Failed(
            "DeadlineExceeded",
            "Job was active longer than specified deadline",
        ),
        _ => End::Failed(
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
        ),
    })
}

/// Sets condition `kind` (True or False) with its reason and message, keeping the
/// transition time when its status does not change; the answer says whether it did.
fn set(
    status: &mut JobStatus,
    kind: &str,
    on: bool,
    reason: &str,
    message: &str,
    now: Timestamp,
) -> bool {
    let conditions = status.conditions.get_or_insert_with(Vec::new);
    let value = if on { "True" } else { "False" };
    let condition = JobCondition {
        type_: kind.to_owned(),
        status: value.to_owned(),
        reason: Some(reason.to_owned()),
        message: Some(message.to_owned()),
        last_probe_time: Some(Time(now)),
        last_transition_time: Some(Time(now)),
    };
    match conditions.iter_mut().find(|c| c.type_ == kind) {
        Some(c) if c.status == value => false,
        Some(c) => {
            *c = condition;
            true
        }
        None => {
            conditions.push(condition);
            true
        }
    }
}

/// A suspended Job: Suspended, its pods stopped (upstream's `JobSuspended`).
pub(super) fn suspend(ctx: &mut Ctx, job: &Arc<Job>, status: &mut JobStatus) {
    if set(
        status,
        "Suspended",
        true,
        "JobSuspended",
        "Job suspended",
        ctx.now,
    ) {
        ctx.record(
            &**job,
            false,
            "Suspended",
            "Job suspended".to_owned(),
            COMPONENT,
        );
    }
}

/// A Job resumed: Suspended turns False and its deadline counts from now.
pub(super) fn resume(ctx: &mut Ctx, job: &Arc<Job>, status: &mut JobStatus) {
    let suspended = has(status, "Suspended").is_some();
    if suspended
        && set(
            status,
            "Suspended",
            false,
            "JobResumed",
            "Job resumed",
            ctx.now,
        )
    {
        status.start_time = Some(Time(ctx.now));
        ctx.record(
            &**job,
            false,
            "Resumed",
            "Job resumed".to_owned(),
            COMPONENT,
        );
    }
}

/// The Job has reached `end`: the decision is recorded, the pods still running are
/// stopped, and once none is left the Job is Complete or Failed.
pub(super) fn end(
    ctx: &mut Ctx,
    job: &Arc<Job>,
    status: &mut JobStatus,
    active: &[Arc<Pod>],
    pods: &[Arc<Pod>],
    end: End,
) {
    let now = ctx.now;
    match end {
        End::Complete => {
            set(
                status,
                "SuccessCriteriaMet",
                true,
                "CompletionsReached",
                "Reached expected number of succeeded pods",
                now,
            );
        }
        End::Failed(reason, message) => {
            set(status, "FailureTarget", true, reason, message, now);
        }
    }
    pods::delete(ctx, job, active);
    let running = pods
        .iter()
        .filter(|p| !super::tracking::terminal(p))
        .filter_map(|p| {
            ctx.store.get::<Pod>(
                p.metadata.namespace.as_deref().unwrap_or_default(),
                p.metadata.name.as_deref().unwrap_or_default(),
            )
        })
        .any(|p| !super::tracking::terminal(&p));
    if running {
        return;
    }
    match end {
        End::Complete => {
            set(
                status,
                "Complete",
                true,
                "CompletionsReached",
                "Reached expected number of succeeded pods",
                now,
            );
            status.completion_time = Some(Time(now));
            ctx.record(
                &**job,
                false,
                "Completed",
                "Job completed".to_owned(),
                COMPONENT,
            );
        }
        End::Failed(reason, message) => {
            set(status, "Failed", true, reason, message, now);
            ctx.record(&**job, true, reason, message.to_owned(), COMPONENT);
        }
    }
}
