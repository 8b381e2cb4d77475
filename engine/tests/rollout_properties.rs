//! Properties of every RollingUpdate, over random sizes, limits and pod failures
//! (deleted pods, and new images that crash or never become ready): the controller
//! never runs more than `replicas + maxSurge` pods, never itself takes availability
//! below `replicas − maxUnavailable`, a rollout to a good image completes, and one to
//! a bad image stays incomplete until a good image replaces it.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{DeploymentStrategy, RollingUpdateDeployment};
use engine::k8s_openapi::api::core::v1::{Pod, Probe};
use engine::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use engine::pod_state;
use proptest::prelude::*;

fn limit() -> impl Strategy<Value = IntOrString> {
    prop_oneof![
        (0..4i32).prop_map(IntOrString::Int),
        prop::sample::select(vec!["0%", "10%", "25%", "50%", "100%"])
            .prop_map(|p| IntOrString::String(p.to_owned())),
    ]
}

/// Resolves a limit as upstream does: percentages of `replicas`, surge rounded up,
/// unavailable down, and both zero meaning one unavailable.
fn resolve(surge: &IntOrString, unavailable: &IntOrString, replicas: i32) -> (i32, i32) {
    let pct = |v: &IntOrString, up: bool| match v {
        IntOrString::Int(n) => *n,
        IntOrString::String(s) => {
            let p: i32 = s.trim_end_matches('%').parse().unwrap_or(0);
            if up {
                (p * replicas + 99) / 100
            } else {
                p * replicas / 100
            }
        }
    };
    match (pct(surge, true), pct(unavailable, false)) {
        (0, 0) => (0, 1),
        other => other,
    }
}

/// The image a rollout goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Starts and is ready at once.
    Good,
    /// Ready at its start, then crashes 5 s later, again and again (team/crashy).
    Crashing,
    /// Runs but never passes its HTTP readiness probe (team/slow-start).
    NeverReady,
}

fn target() -> impl Strategy<Value = Target> {
    prop::sample::select(vec![Target::Good, Target::Crashing, Target::NeverReady])
}

/// Rolls the Deployment `web` out to `target`'s image.
fn roll_to(c: &mut Cluster, target: Target) {
    let mut d = c.deployment("web");
    let container = common::first_container(&mut d);
    let (image, probe) = match target {
        Target::Good => ("nginx:1.27", None),
        Target::Crashing => ("team/crashy:v1", None),
        Target::NeverReady => {
            let probe = serde_json::json!({"httpGet": {"path": "/", "port": 8080}});
            (
                "team/slow-start:v1",
                Some(serde_json::from_value::<Probe>(probe).expect("probe")),
            )
        }
    };
    container.image = Some(image.to_owned());
    container.readiness_probe = probe;
    c.engine.update(d).expect("update");
}

fn active(c: &Cluster) -> Vec<std::sync::Arc<Pod>> {
    c.pods()
        .into_iter()
        .filter(|p| pod_state::is_active(p))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn rolling_updates_keep_their_limits_and_complete(
        replicas in 1..8i32,
        surge in limit(),
        unavailable in limit(),
        failures in prop::collection::vec((0..40usize, 0..8usize), 0..3),
        target in target(),
    ) {
        // Both literally zero is refused by the API (rules' BothZero); percentages that
        // round to zero reach the controller, which then allows one unavailable.
        let zero = |v: &IntOrString| matches!(v, IntOrString::Int(0)) || *v == IntOrString::String("0%".to_owned());
        prop_assume!(!(zero(&surge) && zero(&unavailable)));
        let (max_surge, max_unavailable) = resolve(&surge, &unavailable, replicas);
        let mut c = Cluster::new();
        let mut d = demo::deployment("default", "web", "nginx:1.26", replicas);
        d.spec.as_mut().expect("spec").strategy = Some(DeploymentStrategy {
            type_: Some("RollingUpdate".to_owned()),
            rolling_update: Some(RollingUpdateDeployment {
                max_surge: Some(surge.clone()),
                max_unavailable: Some(unavailable.clone()),
            }),
        });
        c.engine.create(d).expect("create");
        c.run_for(10_000);

        roll_to(&mut c, target);

        let mut failed_at = None;
        for step in 0..200usize {
            for (_, victim) in failures.iter().filter(|(at, _)| *at == step) {
                let pods = active(&c);
                if let Some(pod) = pods.get(victim % pods.len().max(1)) {
                    let name = pod.metadata.name.clone().unwrap_or_default();
                    c.engine.delete::<Pod>("default", &name, None).expect("delete");
                    failed_at = Some(step);
                }
            }
            let running = active(&c).len() as i32;
            prop_assert!(running <= replicas + max_surge, "step {step}: {running} pods > {replicas} + {max_surge}");
            // A failure costs availability the controller did not choose: the floor
            // holds again once replacements had time to start. Crashing pods cost it
            // all along, after the controller counted them available.
            if target != Target::Crashing && failed_at.is_none_or(|f| step > f + 15) {
                let available = c.ready_pods().len() as i32;
                prop_assert!(available >= replicas - max_unavailable, "step {step}: {available} available < {replicas} - {max_unavailable}");
            }
            c.run_for(100);
        }
        if target == Target::NeverReady {
            // Stuck: no new pod is ever available, so the old ones keep the floor.
            let status = c.deployment("web").status.unwrap_or_default();
            prop_assert!(status.available_replicas.unwrap_or(0) >= replicas - max_unavailable);
            prop_assert!(status.updated_replicas.unwrap_or(0) <= max_surge + max_unavailable);
            if replicas > max_unavailable {
                prop_assert!(c.images().iter().any(|i| i == "nginx:1.26"), "old pods keep serving");
            }
        }
        if target != Target::Good {
            c.run_for(20_000);
            roll_to(&mut c, Target::Good);
        }
        c.run_for(60_000);
        prop_assert_eq!(c.images(), vec!["nginx:1.27".to_owned(); replicas as usize]);
        let status = c.deployment("web").status.unwrap_or_default();
        prop_assert_eq!(status.updated_replicas, Some(replicas));
        prop_assert_eq!(status.available_replicas, Some(replicas));
    }
}
