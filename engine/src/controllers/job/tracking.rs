//! Counting a Job's finished pods, as upstream's `trackJobStatusAndRemoveFinalizers`:
//! each pod carries the tracking finalizer until the controller has counted it, so a
//! pod is counted once, and still counted when it is deleted afterwards.

use std::sync::Arc;

use k8s_openapi::api::batch::v1::{Job, JobStatus};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::indexes;
use crate::controllers::Ctx;
use crate::pod_state;
use crate::store::Store;

/// The finalizer that keeps a Job's pod until the controller has counted it.
pub(crate) const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";

/// The first back-off after a failed pod, doubled per failure since the last success
/// (upstream's `DefaultJobPodFailureBackOff`)…
const FIRST_BACKOFF: SignedDuration = SignedDuration::from_secs(10);
/// …up to this (`MaxJobPodFailureBackOff`).
const MAX_BACKOFF: SignedDuration = SignedDuration::from_secs(600);

/// A Job's failures since its last success.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Backoff {
    failures: u32,
    last_failure: Option<Timestamp>,
}

impl Backoff {
    /// When the next pod may be created: at once after no failure, else 10 s after
    /// the latest, doubling per failure up to 10 min.
    pub(super) fn ready_at(&self) -> Option<Timestamp> {
        let last = self.last_failure?;
        if self.failures == 0 {
            return None;
        }
        let doublings = (self.failures - 1).min(16);
        let wait = FIRST_BACKOFF
            .checked_mul(1 << doublings)
            .unwrap_or(MAX_BACKOFF)
            .min(MAX_BACKOFF);
        Some(last + wait)
    }
}

/// Whether a pod has ended for good.
pub(super) fn terminal(pod: &Pod) -> bool {
    matches!(pod_state::phase(pod), "Succeeded" | "Failed")
}

fn tracked(pod: &Pod) -> bool {
    pod.metadata
        .finalizers
        .iter()
        .flatten()
        .any(|f| f == TRACKING_FINALIZER)
}

/// Counts the pods that finished since the previous pass into `status` and lets them
/// go. A pod deleted before it succeeded counts as failed (upstream's `isPodFailed`),
/// unless the Job itself stopped it (suspended, or already decided).
pub(super) fn count_finished(
    ctx: &mut Ctx,
    job: &Arc<Job>,
    pods: &[Arc<Pod>],
    status: &mut JobStatus,
    backoff: &mut Backoff,
) {
    let spec = job.spec.as_ref();
    let stopped_by_job = spec.and_then(|s| s.suspend) == Some(true)
        || super::conditions::decided(status).is_some()
        || super::conditions::finished(status);
    for pod in pods.iter().filter(|p| tracked(p)) {
        let succeeded = pod_state::phase(pod) == "Succeeded";
        let failed = pod_state::phase(pod) == "Failed"
            || (pod_state::is_terminating(pod) && !succeeded && !stopped_by_job);
        if succeeded {
            match indexes::index_of(pod) {
                Some(index) if indexes::indexed(spec) => {
                    indexes::complete(status, index);
                }
                _ => *status.succeeded.get_or_insert(0) += 1,
            }
            backoff.failures = 0;
        } else if failed {
            *status.failed.get_or_insert(0) += 1;
            backoff.failures += 1;
            backoff.last_failure = Some(ctx.now);
        } else if !pod_state::is_terminating(pod) {
            continue;
        }
        release(ctx, pod);
    }
}

/// Whether a pod carries the tracking finalizer though no Job will count it: the Job
/// controlling it is gone or being deleted, or none does (upstream's orphan queue,
/// `syncOrphanPod`). Such a pod is released, so that it can go.
pub(super) fn orphaned(store: &Store, pod: &Pod) -> bool {
    if !tracked(pod) {
        return false;
    }
    pod_state::controller_uid(&pod.metadata)
        .and_then(|uid| store.get_by_uid::<Job>(uid))
        .is_none_or(|job| job.metadata.deletion_timestamp.is_some())
}

/// Takes the tracking finalizer off a pod no Job will count (see [`orphaned`]), as
/// it is now.
pub(super) fn release_orphan(ctx: &mut Ctx, namespace: &str, name: &str) {
    if let Some(pod) = ctx.store.get::<Pod>(namespace, name) {
        if orphaned(ctx.store, &pod) {
            release(ctx, &pod);
        }
    }
}

/// Takes the tracking finalizer off a counted pod.
fn release(ctx: &mut Ctx, pod: &Pod) {
    let mut released = pod.clone();
    if let Some(finalizers) = released.metadata.finalizers.as_mut() {
        finalizers.retain(|f| f != TRACKING_FINALIZER);
        if finalizers.is_empty() {
            released.metadata.finalizers = None;
        }
    }
    released.metadata.resource_version = None;
    if let Err(e) = crate::delete::update(ctx.store, released) {
        tracing::warn!("releasing a job's pod: {e}");
    }
}
