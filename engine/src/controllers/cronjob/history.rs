//! A CronJob's Jobs: the running ones in `status.active`, the finished ones kept up to
//! the history limits (upstream's `removeOldestJobs`).

use std::sync::Arc;

use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, CronJobStatus, Job};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::{reference, COMPONENT};
use crate::controllers::job::{finished_at, succeeded};
use crate::controllers::Ctx;

/// Brings `status.active` to the Jobs still running, recording each that finished
/// (`SawCompletedJob`) and the latest success.
pub(super) fn reconcile_active(
    ctx: &mut Ctx,
    cron_job: &Arc<CronJob>,
    jobs: &[Arc<Job>],
    status: &mut CronJobStatus,
) {
    let before = status.active.take().unwrap_or_default();
    let mut active = Vec::new();
    for job in jobs {
        let uid = job.metadata.uid.as_deref();
        let listed = before.iter().find(|r| r.uid.as_deref() == uid);
        match (finished_at(job), listed) {
            (None, Some(listed)) => active.push(listed.clone()),
            (None, None) => active.push(reference(job)),
            (Some(ended), listed) => {
                if succeeded(job) {
                    let latest = status.last_successful_time.as_ref().map(|t| t.0);
                    if latest.is_none_or(|t| t < ended) {
                        status.last_successful_time = Some(Time(ended));
                    }
                }
                if listed.is_some() {
                    let condition = if succeeded(job) { "Complete" } else { "Failed" };
                    let name = job.metadata.name.clone().unwrap_or_default();
                    let message = format!("Saw completed job: {name}, condition: {condition}");
                    ctx.record(&**cron_job, false, "SawCompletedJob", message, COMPONENT);
                }
            }
        }
    }
    status.active = Some(active).filter(|a| !a.is_empty());
}

/// Deletes the running Jobs for a run that replaces them (`concurrencyPolicy:
/// Replace`).
pub(super) fn replace_active(ctx: &mut Ctx, cron_job: &Arc<CronJob>, status: &mut CronJobStatus) {
    for listed in status.active.take().unwrap_or_default() {
        let (Some(ns), Some(name)) = (listed.namespace, listed.name) else {
            continue;
        };
        delete(ctx, cron_job, &ns, &name);
    }
}

/// Deletes the oldest finished Jobs beyond the limits, successful and failed apart.
pub(super) fn clean(ctx: &mut Ctx, cron_job: &Arc<CronJob>, spec: &CronJobSpec, jobs: &[Arc<Job>]) {
    let limits = [
        (true, spec.successful_jobs_history_limit),
        (false, spec.failed_jobs_history_limit),
    ];
    for (successful, limit) in limits {
        let Some(limit) = limit else {
            continue;
        };
        let mut finished: Vec<&Arc<Job>> = jobs
            .iter()
            .filter(|j| finished_at(j).is_some() && succeeded(j) == successful)
            .filter(|j| j.metadata.deletion_timestamp.is_none())
            .collect();
        finished.sort_by_key(|j| {
            let status = j.status.as_ref();
            status
                .and_then(|s| s.start_time.as_ref())
                .or(j.metadata.creation_timestamp.as_ref())
                .map(|t| t.0)
        });
        let excess = finished.len().saturating_sub(limit.max(0) as usize);
        for job in &finished[..excess] {
            let (ns, name) = crate::store::key_of(&***job);
            delete(ctx, cron_job, &ns, &name);
        }
    }
}

/// Deletes one Job, its pods in the background, as upstream's `deleteJob`.
fn delete(ctx: &mut Ctx, cron_job: &Arc<CronJob>, ns: &str, name: &str) {
    let options = k8s_openapi::apimachinery::pkg::apis::meta::v1::DeleteOptions {
        propagation_policy: Some("Background".to_owned()),
        ..Default::default()
    };
    match crate::delete::delete_with::<Job>(ctx.store, ctx.now, ns, name, &options) {
        Ok(_) => ctx.record(
            &**cron_job,
            false,
            "SuccessfulDelete",
            format!("Deleted job {name}"),
            COMPONENT,
        ),
        Err(e) => tracing::warn!("deleting job {ns}/{name}: {e}"),
    }
}
