//! The CronJob controller, as upstream's `pkg/controller/cronjob` (v2): a Job from
//! the template at each time the schedule fires (late by at most
//! `startingDeadlineSeconds`), overlapping runs as `concurrencyPolicy` says, the
//! finished Jobs beyond the history limits deleted.

mod history;
mod schedule;

use std::sync::Arc;

use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, CronJobStatus, Job};
use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::queue::{owners_of_changed, Queue};
use super::replicaset::controller_ref;
use super::Ctx;
use crate::store::key_of;
use crate::Error;

const COMPONENT: &str = "cronjob-controller";
/// The annotation giving a scheduled Job the time it was scheduled for.
pub const SCHEDULED_TIMESTAMP: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/// One pass over the CronJobs that changed, whose Jobs changed, or whose time came.
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let store = &*ctx.store;
    let keys = queue.objects::<CronJob>(store, ctx.now, |since, keys| {
        owners_of_changed::<CronJob, Job>(store, since, keys);
    });
    for (ns, name) in keys {
        let Some(cron_job) = ctx.store.get::<CronJob>(&ns, &name) else {
            continue;
        };
        if cron_job.metadata.deletion_timestamp.is_some() {
            continue;
        }
        ctx.take_woken().for_each(drop);
        sync(ctx, &cron_job);
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&*cron_job), woken);
    }
}

fn sync(ctx: &mut Ctx, cron_job: &Arc<CronJob>) {
    let Some(spec) = cron_job.spec.as_ref() else {
        return;
    };
    let mut status = cron_job.status.clone().unwrap_or_default();
    let uid = cron_job.metadata.uid.clone().unwrap_or_default();
    let jobs: Vec<Arc<Job>> = ctx
        .store
        .owned_by::<Job>(&uid)
        .filter(|j| crate::pod_state::controller_uid(&j.metadata) == Some(uid.as_str()))
        .cloned()
        .collect();
    history::reconcile_active(ctx, cron_job, &jobs, &mut status);
    history::clean(ctx, cron_job, spec, &jobs);
    if spec.suspend != Some(true) {
        run_due(ctx, cron_job, spec, &mut status);
    }
    if cron_job.status.as_ref() != Some(&status) {
        let mut updated = (**cron_job).clone();
        updated.status = Some(status);
        updated.metadata.resource_version = None;
        if let Err(e) = ctx.store.update(updated) {
            tracing::warn!("cronjob status: {e}");
        }
    }
}

/// Starts the run that is due, if one is and the policy lets it, and asks to be woken
/// at the next.
fn run_due(ctx: &mut Ctx, cron_job: &Arc<CronJob>, spec: &CronJobSpec, status: &mut CronJobStatus) {
    let zone = match schedule::zone(spec.time_zone.as_deref()) {
        Ok(zone) => zone,
        Err(reason) => {
            let zone = spec.time_zone.clone().unwrap_or_default();
            let message = format!("invalid timeZone: {zone:?}: {reason}");
            ctx.record(&**cron_job, true, "UnknownTimeZone", message, COMPONENT);
            return;
        }
    };
    let parsed = match rules::cron::Schedule::parse(&spec.schedule) {
        Ok(parsed) => parsed,
        Err(reason) => {
            let message = format!("unparseable schedule: {:?} : {reason}", spec.schedule);
            ctx.record(&**cron_job, true, "UnparseableSchedule", message, COMPONENT);
            return;
        }
    };
    let now = ctx.now;
    if let Some(next) = schedule::next(&parsed, &zone, now) {
        ctx.wake_at(next);
    }
    let since = status
        .last_schedule_time
        .as_ref()
        .or(cron_job.metadata.creation_timestamp.as_ref())
        .map_or(now, |t| t.0);
    let Some(due) = schedule::latest(&parsed, &zone, since, now) else {
        return;
    };
    if let Some(deadline) = spec.starting_deadline_seconds {
        if due + SignedDuration::from_secs(deadline) < now {
            let message = format!("Missed scheduled time to start a job: {due}");
            ctx.record(&**cron_job, true, "MissSchedule", message, COMPONENT);
            return;
        }
    }
    let running = !status.active.as_ref().is_none_or(Vec::is_empty);
    match spec.concurrency_policy.as_deref() {
        // A finished Job wakes the CronJob again, and the run starts then.
        Some("Forbid") if running => return,
        Some("Replace") if running => history::replace_active(ctx, cron_job, status),
        _ => {}
    }
    start(ctx, cron_job, spec, status, due, &zone);
}

/// Creates the Job for the run scheduled at `due`, named by its minute as upstream's.
fn start(
    ctx: &mut Ctx,
    cron_job: &Arc<CronJob>,
    spec: &CronJobSpec,
    status: &mut CronJobStatus,
    due: Timestamp,
    zone: &k8s_openapi::jiff::tz::TimeZone,
) {
    let base = cron_job.metadata.name.clone().unwrap_or_default();
    let name = format!("{base}-{}", due.as_second() / 60);
    let template = spec.job_template.clone();
    let meta = template.metadata.unwrap_or_default();
    let mut annotations = meta.annotations.unwrap_or_default();
    annotations.insert(
        SCHEDULED_TIMESTAMP.to_owned(),
        due.to_zoned(zone.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    );
    let job = Job {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            namespace: cron_job.metadata.namespace.clone(),
            labels: meta.labels,
            annotations: Some(annotations),
            owner_references: Some(vec![controller_ref(&**cron_job)]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    };
    match ctx.create(job) {
        Ok(job) => {
            ctx.record(
                &**cron_job,
                false,
                "SuccessfulCreate",
                format!("Created job {name}"),
                COMPONENT,
            );
            status
                .active
                .get_or_insert_with(Vec::new)
                .push(reference(&job));
            status.last_schedule_time = Some(Time(due));
        }
        // Created by an earlier pass whose status write was lost: the run happened.
        Err(Error::AlreadyExists { .. }) => status.last_schedule_time = Some(Time(due)),
        Err(e) => {
            ctx.record(
                &**cron_job,
                true,
                "FailedCreate",
                format!("Error creating job: {e}"),
                COMPONENT,
            );
        }
    }
}

/// How a CronJob's status names one of its Jobs.
fn reference(job: &Job) -> ObjectReference {
    ObjectReference {
        api_version: Some("batch/v1".to_owned()),
        kind: Some("Job".to_owned()),
        name: job.metadata.name.clone(),
        namespace: job.metadata.namespace.clone(),
        uid: job.metadata.uid.clone(),
        resource_version: job.metadata.resource_version.clone(),
        field_path: None,
    }
}
