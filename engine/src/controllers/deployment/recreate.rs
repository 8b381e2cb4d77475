//! The Recreate strategy: every old pod is gone before a new one starts
//! (upstream's `recreate.go`).

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;

use super::{desired, replicas_of, scale, Ctx, Sets};
use crate::pod_state::controller_uid;

pub(crate) fn rollout(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    for rs in &sets.old {
        if replicas_of(rs) > 0 {
            scale(ctx, d, rs, 0);
        }
    }
    // Upstream waits for old pods to be gone (terminating ones too) before scaling up.
    let old_uids: Vec<&str> = sets
        .old
        .iter()
        .filter_map(|rs| rs.metadata.uid.as_deref())
        .collect();
    let old_pods_remain = old_uids.iter().any(|uid| {
        ctx.store.owned_by::<Pod>(uid).any(|p| {
            controller_uid(&p.metadata) == Some(uid) && p.metadata.namespace == d.metadata.namespace
        })
    });
    if old_pods_remain {
        return;
    }
    if let Some(new) = &sets.new {
        scale(ctx, d, new, desired(d));
    }
}
