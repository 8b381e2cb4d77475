//! The RollingUpdate strategy (upstream's `rollingUpdate` in `daemon/update.go`).
//! Without surge, old pods are deleted while the nodes without an available pod stay
//! within maxUnavailable, and `manage` starts the new pod once the old one is gone. With
//! surge, the new pod starts next to the old one on up to maxSurge nodes at a time and
//! the old one goes once the new one is available. OnDelete replaces nothing here: only
//! pods deleted by hand come back with the new template.

use std::sync::Arc;

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{available, create_pod, delete_pod, Daemon};
use crate::controllers::{scaled_value, Ctx};
use crate::pod_state;

/// maxSurge and maxUnavailable against the nodes that should run the set, percents
/// rounded up; defaults 0 and 1, and both zero means one may be unavailable
/// (upstream's `updatedDesiredNodeCounts`).
pub(super) fn fenceposts(ds: &DaemonSet, desired: i32) -> (i32, i32) {
    let rolling = ds
        .spec
        .as_ref()
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref());
    let resolve = |v: Option<&IntOrString>, default: i32| {
        v.map_or(default, |v| scaled_value(v, desired, true))
    };
    let surge = resolve(rolling.and_then(|r| r.max_surge.as_ref()), 0);
    let unavailable = resolve(rolling.and_then(|r| r.max_unavailable.as_ref()), 1);
    if surge == 0 && unavailable == 0 {
        (0, 1)
    } else {
        (surge, unavailable)
    }
}

/// The one pod of the current template and the one of an older template on a node,
/// terminating pods left out; `None` when there are more than one of either, which
/// `manage` cleans up first (upstream's `findUpdatedPodsOnNode`).
fn split<'a>(daemon: &Daemon, pods: &'a [Arc<Pod>]) -> Option<(Option<&'a Pod>, Option<&'a Pod>)> {
    let (mut new, mut old) = (None, None);
    for pod in pods.iter().filter(|p| !pod_state::is_terminating(p)) {
        let slot = if daemon.is_updated(pod) {
            &mut new
        } else {
            &mut old
        };
        if slot.replace(&**pod).is_some() {
            return None;
        }
    }
    Some((new, old))
}

/// Moves the rollout one step.
pub(super) fn roll(ctx: &mut Ctx, daemon: &Daemon) {
    let on_delete = daemon
        .ds
        .spec
        .as_ref()
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.type_.as_deref())
        == Some("OnDelete");
    if on_delete {
        return;
    }
    let (max_surge, max_unavailable) = fenceposts(daemon.ds, daemon.desired());
    if max_surge == 0 {
        within_unavailable(ctx, daemon, max_unavailable);
    } else {
        with_surge(ctx, daemon, max_surge);
    }
}

fn within_unavailable(ctx: &mut Ctx, daemon: &Daemon, max_unavailable: i32) {
    let min_ready = daemon.min_ready();
    let mut unavailable = 0;
    let mut replace_now: Vec<&Pod> = Vec::new();
    let mut candidates: Vec<&Pod> = Vec::new();
    for pods in daemon.pods.values() {
        match split(daemon, pods) {
            // Nothing, or both: `manage` is still creating or deleting there.
            None | Some((None, None) | (Some(_), Some(_))) => unavailable += 1,
            Some((Some(new), None)) => {
                unavailable += i32::from(!available(ctx, new, min_ready));
            }
            // An old pod that is not available costs nothing to replace.
            Some((None, Some(old))) if !available(ctx, old, min_ready) => replace_now.push(old),
            Some((None, Some(old))) => candidates.push(old),
        }
    }
    let room = (max_unavailable - unavailable).clamp(0, candidates.len() as i32) as usize;
    for pod in replace_now
        .into_iter()
        .chain(candidates.into_iter().take(room))
    {
        delete_pod(ctx, daemon.ds, pod);
    }
}

fn with_surge(ctx: &mut Ctx, daemon: &Daemon, max_surge: i32) {
    let min_ready = daemon.min_ready();
    let mut surging = 0;
    let mut start_now: Vec<&str> = Vec::new();
    let mut candidates: Vec<&str> = Vec::new();
    let mut retire: Vec<&Pod> = Vec::new();
    for (node, pods) in &daemon.pods {
        let should_run = daemon.fits.get(node).is_some_and(|f| f.should_run);
        match split(daemon, pods) {
            None => surging += 1,
            Some((_, None)) => {}
            Some((None, Some(old))) if available(ctx, old, min_ready) => candidates.push(node),
            // An unavailable old pod is replaced at once, or just removed where the set
            // no longer belongs.
            Some((None, Some(_))) if should_run => start_now.push(node),
            Some((None, Some(old))) => retire.push(old),
            Some((Some(new), Some(old))) if available(ctx, new, min_ready) => retire.push(old),
            Some((Some(_), Some(_))) => surging += 1,
        }
    }
    let room = (max_surge - surging).clamp(0, candidates.len() as i32) as usize;
    for node in start_now
        .into_iter()
        .chain(candidates.into_iter().take(room))
    {
        create_pod(ctx, daemon, node);
    }
    for pod in retire {
        delete_pod(ctx, daemon.ds, pod);
    }
}
