//! The RollingUpdate strategy: scale the new ReplicaSet up within maxSurge, then (in a
//! later sync) the old ones down within maxUnavailable (upstream's `rolling.go`).

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::scale::scale;
use super::{available_of, desired, replicas_of, Ctx, Sets};
use crate::controllers::scaled_value;

/// Resolves maxSurge and maxUnavailable against the replica count: surge rounds up,
/// unavailable down, and both zero means one may be unavailable
/// (upstream's `ResolveFenceposts`).
pub fn fenceposts(
    surge: Option<&IntOrString>,
    unavailable: Option<&IntOrString>,
    replicas: i32,
) -> (i32, i32) {
    let quarter = IntOrString::String("25%".to_owned());
    let surge = scaled_value(surge.unwrap_or(&quarter), replicas, true);
    let unavailable = scaled_value(unavailable.unwrap_or(&quarter), replicas, false);
    if surge == 0 && unavailable == 0 {
        (0, 1)
    } else {
        (surge, unavailable)
    }
}

/// Whether the Deployment rolls out with the RollingUpdate strategy (the default).
pub(super) fn is_rolling(d: &Deployment) -> bool {
    let strategy = d.spec.as_ref().and_then(|s| s.strategy.as_ref());
    strategy.and_then(|s| s.type_.as_deref()) != Some("Recreate")
}

fn deployment_fenceposts(d: &Deployment) -> (i32, i32) {
    let ru = d
        .spec
        .as_ref()
        .and_then(|s| s.strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref());
    fenceposts(
        ru.and_then(|r| r.max_surge.as_ref()),
        ru.and_then(|r| r.max_unavailable.as_ref()),
        desired(d),
    )
}

/// The pods a rollout may run beyond the replica count; 0 for Recreate (upstream's
/// `MaxSurge`).
pub(super) fn max_surge(d: &Deployment) -> i32 {
    if is_rolling(d) {
        deployment_fenceposts(d).0
    } else {
        0
    }
}

/// The pods a rollout may take out of service, at most the replica count; 0 for
/// Recreate or no replicas (upstream's `MaxUnavailable`).
pub(super) fn max_unavailable(d: &Deployment) -> i32 {
    let want = desired(d);
    if !is_rolling(d) || want == 0 {
        return 0;
    }
    deployment_fenceposts(d).1.min(want)
}

/// One sync of a RollingUpdate (upstream's `rolloutRolling`): the new ReplicaSet scales
/// up within maxSurge and, if it did, the sync ends there; otherwise the old ones scale
/// down within maxUnavailable. A complete rollout cleans up old ReplicaSets.
pub(crate) fn rollout(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    let Some(new) = &sets.new else { return };
    if reconcile_new(ctx, d, sets, new) || reconcile_old(ctx, d, sets, new) {
        return;
    }
    if super::progress::complete(d, &d.status.clone().unwrap_or_default()) {
        super::history::clean_up(ctx, d, sets);
    }
}

/// Upstream's `reconcileNewReplicaSet`: the new ReplicaSet grows toward the replica
/// count as far as maxSurge allows, or shrinks to it; whether it was scaled.
fn reconcile_new(ctx: &mut Ctx, d: &Deployment, sets: &Sets, new: &ReplicaSet) -> bool {
    let want = desired(d);
    let replicas = replicas_of(new);
    if replicas == want {
        return false;
    }
    if replicas > want {
        return scale(ctx, d, new, want);
    }
    let total: i32 = sets.all().map(|rs| replicas_of(rs)).sum();
    scale(ctx, d, new, new_replicas(d, total, replicas))
}

/// The new ReplicaSet's size for a rollout step, when the Deployment's ReplicaSets have
/// `total` replicas and the new one `replicas` (upstream's `NewRSNewReplicas`).
pub(super) fn new_replicas(d: &Deployment, total: i32, replicas: i32) -> i32 {
    let want = desired(d);
    if !is_rolling(d) {
        return want;
    }
    let max_total = want + max_surge(d);
    if total >= max_total {
        return replicas;
    }
    replicas + (max_total - total).min(want - replicas)
}

/// Upstream's `reconcileOldReplicaSets`: old ReplicaSets shrink as far as keeping
/// `replicas − maxUnavailable` pods available allows, the unhealthy pods first (they
/// cost no availability), then the oldest sets first; whether any was scaled.
fn reconcile_old(ctx: &mut Ctx, d: &Deployment, sets: &Sets, new: &ReplicaSet) -> bool {
    let old: Vec<&ReplicaSet> = sets
        .old
        .iter()
        .map(|rs| &**rs)
        .filter(|rs| replicas_of(rs) > 0)
        .collect();
    let old_total: i32 = old.iter().map(|rs| replicas_of(rs)).sum();
    if old_total == 0 {
        return false;
    }
    let min_available = desired(d) - max_unavailable(d);
    let new_unavailable = replicas_of(new) - available_of(new);
    let max_scale_down = old_total + replicas_of(new) - min_available - new_unavailable;
    if max_scale_down <= 0 {
        return false;
    }
    // cleanupUnhealthyReplicas: unavailable old pods go first, oldest set first.
    let mut cleaned = 0;
    let mut sizes: Vec<i32> = Vec::with_capacity(old.len());
    for rs in &old {
        let replicas = replicas_of(rs);
        let cut = (max_scale_down - cleaned)
            .min(replicas - available_of(rs))
            .max(0);
        if cut > 0 && scale(ctx, d, rs, replicas - cut) {
            cleaned += cut;
            sizes.push(replicas - cut);
        } else {
            sizes.push(replicas);
        }
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then available ones, oldest set first,
    // down to the availability floor.
    let available = available_of(new) + old.iter().map(|rs| available_of(rs)).sum::<i32>();
    let budget = available - min_available;
    let mut scaled_down = 0;
    for (rs, replicas) in old.iter().zip(sizes) {
        if scaled_down >= budget {
            break;
        }
        if replicas == 0 {
            continue;
        }
        let cut = replicas.min(budget - scaled_down);
        if scale(ctx, d, rs, replicas - cut) {
            scaled_down += cut;
        }
    }
    cleaned + scaled_down > 0
}

#[cfg(test)]
mod tests {
    use super::fenceposts;
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

    fn pct(s: &str) -> IntOrString {
        IntOrString::String(s.to_owned())
    }

    #[test]
    fn surge_rounds_up_and_unavailable_down() {
        assert_eq!(fenceposts(None, None, 10), (3, 2));
        assert_eq!(fenceposts(None, None, 1), (1, 0));
        assert_eq!(fenceposts(Some(&pct("50%")), Some(&pct("50%")), 3), (2, 1));
    }

    #[test]
    fn both_zero_means_one_unavailable() {
        let zero = IntOrString::Int(0);
        assert_eq!(fenceposts(Some(&zero), Some(&zero), 5), (0, 1));
        assert_eq!(fenceposts(Some(&pct("10%")), Some(&pct("10%")), 3), (1, 0));
    }
}
