//! Scaling a Deployment mid-rollout spreads the change over its active ReplicaSets in
//! proportion (upstream's `scale` in `sync.go`), paused or not, with the
//! desired-replicas and max-replicas annotations recording what each set was sized for.

use crate::common;

use common::Cluster;
use engine::{demo, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION};

/// Each ReplicaSet's (desired-replicas, max-replicas) annotations, oldest first.
fn sized_for(c: &Cluster) -> Vec<(String, String)> {
    c.replica_sets()
        .iter()
        .map(|rs| {
            let a = rs.metadata.annotations.clone().unwrap_or_default();
            let get = |k: &str| a.get(k).cloned().unwrap_or_default();
            (
                get(DESIRED_REPLICAS_ANNOTATION),
                get(MAX_REPLICAS_ANNOTATION),
            )
        })
        .collect()
}

fn pair(desired: &str, max: &str) -> (String, String) {
    (desired.to_owned(), max.to_owned())
}

/// 10 replicas of nginx:1.26 (maxSurge 3, maxUnavailable 2 at the default 25%), all
/// available, then a new image: at that instant the rollout stands at 8 old and 5 new
/// pods (13 = 10 + maxSurge), the new ones not yet started.
fn mid_rollout() -> Cluster {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.26", 10))
        .expect("create");
    c.run_for(10_000);
    assert_eq!(sized_for(&c), [pair("10", "13")]);
    c.set_image("web", "nginx:1.27");
    assert_eq!(c.set_sizes(), [8, 5]);
    assert_eq!(sized_for(&c), [pair("10", "13"), pair("10", "13")]);
    c
}

fn scale_to(c: &mut Cluster, replicas: i32) {
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").replicas = Some(replicas);
    c.engine.update(d).expect("scale");
}

/// The messages of the Deployment's ScalingReplicaSet events after the first `skip`.
fn scaling_events(c: &Cluster, skip: usize) -> Vec<String> {
    c.events_about("Deployment")
        .iter()
        .filter(|e| e.reason.as_deref() == Some("ScalingReplicaSet"))
        .skip(skip)
        .filter_map(|e| e.message.clone())
        .collect()
}

fn names(c: &Cluster) -> Vec<String> {
    c.replica_sets()
        .iter()
        .filter_map(|rs| rs.metadata.name.clone())
        .collect()
}

#[test]
fn scaling_up_mid_rollout_shares_the_new_replicas_by_proportion() {
    let mut c = mid_rollout();
    let before = scaling_events(&c, 0).len();
    scale_to(&mut c, 15);
    // 15 + maxSurge 4 = 19 replicas, 6 more than the 13 there are: the old set gets
    // round(8 × 19 / 13) − 8 = 4, the new one round(5 × 19 / 13) − 5 = 2.
    assert_eq!(c.set_sizes(), [12, 7]);
    assert_eq!(sized_for(&c), [pair("15", "19"), pair("15", "19")]);
    let [old, new] = &names(&c)[..] else {
        panic!("two ReplicaSets")
    };
    assert_eq!(
        scaling_events(&c, before),
        [
            format!("Scaled up replica set {old} from 8 to 12"),
            format!("Scaled up replica set {new} from 5 to 7"),
        ]
    );
    c.run_for(60_000);
    assert_eq!(c.set_sizes(), [0, 15]);
    assert_eq!(c.images(), vec!["nginx:1.27"; 15]);
    assert_eq!(c.ready_pods().len(), 15);
}

#[test]
fn scaling_down_mid_rollout_takes_the_replicas_by_proportion() {
    let mut c = mid_rollout();
    scale_to(&mut c, 5);
    // 5 + maxSurge 2 = 7, 6 fewer than 13: round(8 × 7 / 13) = 4 and round(5 × 7 / 13)
    // = 3 remain.
    assert_eq!(c.set_sizes(), [4, 3]);
    assert_eq!(sized_for(&c), [pair("5", "7"), pair("5", "7")]);
    c.run_for(60_000);
    assert_eq!(c.set_sizes(), [0, 5]);
    assert_eq!(c.images(), vec!["nginx:1.27"; 5]);
}

#[test]
fn a_paused_deployment_with_two_active_sets_still_scales_by_proportion() {
    let mut c = mid_rollout();
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").paused = Some(true);
    c.engine.update(d).expect("pause");
    assert_eq!(c.set_sizes(), [8, 5], "pausing alone changes nothing");
    scale_to(&mut c, 15);
    assert_eq!(c.set_sizes(), [12, 7]);
    c.run_for(30_000);
    assert_eq!(c.set_sizes(), [12, 7], "no rollout while paused");
    assert_eq!(c.ready_pods().len(), 19);

    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").paused = Some(false);
    c.engine.update(d).expect("resume");
    c.run_for(60_000);
    assert_eq!(c.set_sizes(), [0, 15]);
    assert_eq!(c.images(), vec!["nginx:1.27"; 15]);
}

#[test]
fn one_active_set_takes_the_whole_new_count() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.26", 3))
        .expect("create");
    c.run_for(5_000);
    scale_to(&mut c, 7);
    assert_eq!(c.set_sizes(), [7]);
    assert_eq!(sized_for(&c), [pair("7", "9")]);
}
