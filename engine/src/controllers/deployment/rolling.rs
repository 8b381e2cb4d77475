//! The RollingUpdate strategy: scale the new ReplicaSet up within maxSurge, then the old
//! ones down within maxUnavailable (upstream's `rolling.go`).

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{available_of, desired, replicas_of, scale, Ctx, Sets};
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

pub(crate) fn rollout(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    let Some(new) = &sets.new else { return };
    let want = desired(d);
    let (max_surge, max_unavailable) = deployment_fenceposts(d);
    let total: i32 = sets.all().map(|rs| replicas_of(rs)).sum();

    // Scale up the new ReplicaSet (reconcileNewReplicaSet).
    let new_replicas = replicas_of(new);
    if new_replicas > want {
        scale(ctx, d, new, want);
    } else if new_replicas < want {
        let room = (want + max_surge - total).max(0);
        let up = room.min(want - new_replicas);
        if up > 0 {
            scale(ctx, d, new, new_replicas + up);
        }
    }

    // Scale down old ReplicaSets (reconcileOldReplicaSets).
    let old_total: i32 = sets.old.iter().map(|rs| replicas_of(rs)).sum();
    if old_total == 0 {
        return;
    }
    let new_now = ctx
        .store
        .get::<k8s_openapi::api::apps::v1::ReplicaSet>(
            new.metadata.namespace.as_deref().unwrap_or_default(),
            new.metadata.name.as_deref().unwrap_or_default(),
        )
        .unwrap_or_else(|| new.clone());
    let all_pods = old_total + replicas_of(&new_now);
    let min_available = want - max_unavailable;
    let new_unavailable = replicas_of(&new_now) - available_of(&new_now);
    let mut max_scale_down = all_pods - min_available - new_unavailable;
    if max_scale_down <= 0 {
        return;
    }
    // Unhealthy old replicas go first: they cost no availability.
    let mut scaled_old = Vec::with_capacity(sets.old.len());
    for rs in &sets.old {
        let replicas = replicas_of(rs);
        let unhealthy = replicas - available_of(rs);
        let cut = unhealthy.min(max_scale_down).max(0);
        if cut > 0 {
            scale(ctx, d, rs, replicas - cut);
            max_scale_down -= cut;
        }
        scaled_old.push((rs, replicas - cut));
    }
    // Then healthy ones, oldest first, while availability stays above the floor.
    let available: i32 =
        available_of(&new_now) + sets.old.iter().map(|rs| available_of(rs)).sum::<i32>();
    let mut budget = available - min_available;
    for (rs, replicas) in scaled_old {
        if budget <= 0 {
            break;
        }
        if replicas == 0 {
            continue;
        }
        let cut = replicas.min(budget);
        scale(ctx, d, rs, replicas - cut);
        budget -= cut;
    }
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
