//! Old ReplicaSets kept for rollback, at most `revisionHistoryLimit` of them
//! (upstream's `cleanupDeployment`).

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::{replicas_of, revision, Ctx, Sets};

/// Upstream's default `revisionHistoryLimit`.
const DEFAULT_HISTORY_LIMIT: i32 = 10;

/// Deletes the oldest scaled-down ReplicaSets beyond the history limit. Only sets with
/// no pods left go, so nothing running is touched.
pub(crate) fn clean_up(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    let limit = d
        .spec
        .as_ref()
        .and_then(|s| s.revision_history_limit)
        .unwrap_or(DEFAULT_HISTORY_LIMIT)
        .max(0) as usize;
    let mut cleanable: Vec<&ReplicaSet> = sets
        .old
        .iter()
        .map(|rs| &**rs)
        .filter(|rs| rs.metadata.deletion_timestamp.is_none() && replicas_of(rs) == 0)
        .filter(|rs| rs.status.as_ref().map_or(0, |s| s.replicas) == 0)
        .collect();
    if cleanable.len() <= limit {
        return;
    }
    cleanable.sort_by_key(|rs| revision(rs));
    let excess = cleanable.len() - limit;
    for rs in cleanable.into_iter().take(excess) {
        let (ns, name) = crate::store::key_of(rs);
        let _ = crate::delete::delete::<ReplicaSet>(ctx.store, ctx.now, &ns, &name, None);
    }
}
