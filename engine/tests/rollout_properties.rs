//! Properties of every RollingUpdate, over random sizes, limits and pod failures: the
//! controller never runs more than `replicas + maxSurge` pods, never itself takes
//! availability below `replicas − maxUnavailable`, and every rollout completes.

mod common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{DeploymentStrategy, RollingUpdateDeployment};
use engine::k8s_openapi::api::core::v1::Pod;
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

fn active(c: &Cluster) -> Vec<std::sync::Arc<Pod>> {
    c.pods()
        .into_iter()
        .filter(|p| pod_state::is_active(p))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn rolling_updates_keep_their_limits_and_complete(
        replicas in 1..8i32,
        surge in limit(),
        unavailable in limit(),
        failures in prop::collection::vec((0..40usize, 0..8usize), 0..3),
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

        let mut d = c.deployment("web");
        common::first_container(&mut d).image = Some("nginx:1.27".to_owned());
        c.engine.update(d).expect("update");

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
            // holds again once replacements had time to start.
            if failed_at.is_none_or(|f| step > f + 15) {
                let available = c.ready_pods().len() as i32;
                prop_assert!(available >= replicas - max_unavailable, "step {step}: {available} available < {replicas} - {max_unavailable}");
            }
            c.run_for(100);
        }
        c.run_for(60_000);
        prop_assert_eq!(c.images(), vec!["nginx:1.27".to_owned(); replicas as usize]);
        let status = c.deployment("web").status.unwrap_or_default();
        prop_assert_eq!(status.updated_replicas, Some(replicas));
        prop_assert_eq!(status.available_replicas, Some(replicas));
    }
}
