//! The TTL-after-finished controller, as upstream's: a finished Job with
//! `ttlSecondsAfterFinished` is deleted (its pods in the foreground) that long after it
//! ended.

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::DeleteOptions;
use k8s_openapi::jiff::SignedDuration;

use super::queue::Queue;
use super::Ctx;
use crate::store::key_of;

/// One pass over the Jobs that changed or whose time is up.
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let keys = queue.objects::<Job>(ctx.store, ctx.now, |_, _| {});
    for (ns, name) in keys {
        let Some(job) = ctx.store.get::<Job>(&ns, &name) else {
            continue;
        };
        let ttl = job.spec.as_ref().and_then(|s| s.ttl_seconds_after_finished);
        let (Some(ttl), Some(ended)) = (ttl, super::job::finished_at(&job)) else {
            continue;
        };
        if job.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let expires = ended + SignedDuration::from_secs(ttl.into());
        if ctx.now < expires {
            ctx.wake_at(expires);
            ctx.take_woken().for_each(drop);
            queue.wake(&key_of(&*job), [expires]);
            continue;
        }
        let options = DeleteOptions {
            propagation_policy: Some("Foreground".to_owned()),
            ..Default::default()
        };
        if let Err(e) = crate::delete::delete_with::<Job>(ctx.store, ctx.now, &ns, &name, &options)
        {
            tracing::warn!("ttl of job {ns}/{name}: {e}");
        }
    }
}
