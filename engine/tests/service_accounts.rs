//! ServiceAccounts: every namespace's `default` account (made again when deleted), pods
//! run as one that must exist, and TokenRequests whose tokens name the account until
//! they expire or the account goes.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::authentication::v1::{TokenRequest, TokenRequestSpec};
use engine::k8s_openapi::api::core::v1::{Namespace, Pod, ServiceAccount};
use engine::k8s_openapi::jiff::SignedDuration;
use engine::{demo, Error};
use serde_json::json;

fn account(c: &Cluster, namespace: &str, name: &str) -> Option<std::sync::Arc<ServiceAccount>> {
    c.engine.store().get::<ServiceAccount>(namespace, name)
}

fn bare_pod(name: &str, account: Option<&str>) -> Pod {
    serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "serviceAccountName": account,
            "containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]
        }
    }))
    .expect("pod")
}

fn request(seconds: Option<i64>) -> TokenRequest {
    TokenRequest {
        spec: TokenRequestSpec {
            expiration_seconds: seconds,
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn every_namespace_gets_a_default_account_made_again_when_deleted() {
    let mut c = Cluster::new();
    assert!(account(&c, "default", "default").is_some());
    c.engine
        .create(demo::namespace("team-a"))
        .expect("namespace");
    let first = account(&c, "team-a", "default").expect("the default account");
    c.engine
        .delete::<ServiceAccount>("team-a", "default", None)
        .expect("delete");
    let again = account(&c, "team-a", "default").expect("made again");
    assert_ne!(first.metadata.uid, again.metadata.uid);
}

#[test]
fn a_namespace_gets_its_name_label_finalizer_and_phase() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::namespace("team-a"))
        .expect("namespace");
    let ns = c.engine.store().get::<Namespace>("", "team-a").expect("ns");
    let labels = ns.metadata.labels.as_ref().expect("labels");
    assert_eq!(
        labels
            .get("kubernetes.io/metadata.name")
            .map(String::as_str),
        Some("team-a")
    );
    let finalizers = ns.spec.as_ref().and_then(|s| s.finalizers.clone());
    assert_eq!(finalizers, Some(vec!["kubernetes".to_owned()]));
    let phase = ns.status.as_ref().and_then(|s| s.phase.as_deref());
    assert_eq!(phase, Some("Active"));
}

#[test]
fn a_pod_runs_as_the_default_account_with_upstreams_defaults() {
    let mut c = Cluster::new();
    c.engine.create(bare_pod("web", None)).expect("pod");
    let pod = c.engine.store().get::<Pod>("default", "web").expect("pod");
    let spec = pod.spec.as_ref().expect("spec");
    assert_eq!(spec.service_account_name.as_deref(), Some("default"));
    assert_eq!(spec.service_account.as_deref(), Some("default"));
    assert_eq!(spec.restart_policy.as_deref(), Some("Always"));
    assert_eq!(spec.dns_policy.as_deref(), Some("ClusterFirst"));
    assert_eq!(spec.scheduler_name.as_deref(), Some("default-scheduler"));
    assert_eq!(spec.termination_grace_period_seconds, Some(30));
    let tolerated: Vec<_> = spec
        .tolerations
        .iter()
        .flatten()
        .map(|t| (t.key.as_deref(), t.effect.as_deref(), t.toleration_seconds))
        .collect();
    assert_eq!(
        tolerated,
        [
            (
                Some("node.kubernetes.io/not-ready"),
                Some("NoExecute"),
                Some(300)
            ),
            (
                Some("node.kubernetes.io/unreachable"),
                Some("NoExecute"),
                Some(300)
            ),
        ]
    );
    let container = &spec.containers[0];
    let port = &container.ports.as_ref().expect("ports")[0];
    assert_eq!(port.protocol.as_deref(), Some("TCP"));
    assert_eq!(
        container.termination_message_path.as_deref(),
        Some("/dev/termination-log")
    );
}

#[test]
fn a_controllers_pods_get_the_same_defaults() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 2))
        .expect("deployment");
    let pods = c.pods();
    assert_eq!(pods.len(), 2);
    for pod in pods {
        let spec = pod.spec.as_ref().expect("spec");
        assert_eq!(spec.service_account_name.as_deref(), Some("default"));
    }
}

#[test]
fn a_pod_naming_a_missing_account_is_forbidden_and_not_stored() {
    let mut c = Cluster::new();
    let err = c
        .engine
        .create(bare_pod("web", Some("robot")))
        .expect_err("forbidden");
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "pods \"web\" is forbidden: error looking up service account default/robot: serviceaccount \"robot\" not found"
    );
    assert!(c.engine.store().get::<Pod>("default", "web").is_none());
}

#[test]
fn a_token_names_its_account_until_it_expires() {
    let mut c = Cluster::new();
    let answered = c
        .engine
        .issue_token("default", "default", request(None))
        .expect("token");
    assert_eq!(answered.spec.expiration_seconds, Some(3600));
    assert_eq!(answered.spec.audiences, [engine::tokens::ISSUER.to_owned()]);
    let token = answered.status.expect("status").token;
    let user = c.engine.token_user(&token).expect("accepted");
    assert_eq!(user.name, "system:serviceaccount:default:default");
    assert!(user.groups.contains(&"system:serviceaccounts".to_owned()));
    assert!(user
        .groups
        .contains(&"system:serviceaccounts:default".to_owned()));
    assert!(user.groups.contains(&"system:authenticated".to_owned()));

    // A changed byte breaks the signature.
    let mut forged = token.clone().into_bytes();
    let middle = forged.len() / 2;
    forged[middle] = if forged[middle] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).expect("ascii");
    assert!(c.engine.token_user(&forged).is_none());

    c.clock.advance(SignedDuration::from_secs(3_599));
    assert!(c.engine.token_user(&token).is_some());
    c.clock.advance(SignedDuration::from_secs(1));
    assert!(c.engine.token_user(&token).is_none(), "expired");
}

#[test]
fn a_deleted_account_ends_its_tokens() {
    let mut c = Cluster::new();
    c.engine
        .create(
            serde_json::from_value::<ServiceAccount>(json!({
                "metadata": {"name": "robot", "namespace": "default"}
            }))
            .expect("account"),
        )
        .expect("create");
    let token = c
        .engine
        .issue_token("default", "robot", request(Some(600)))
        .expect("token")
        .status
        .expect("status")
        .token;
    assert!(c.engine.token_user(&token).is_some());
    c.engine
        .delete::<ServiceAccount>("default", "robot", None)
        .expect("delete");
    assert!(c.engine.token_user(&token).is_none());
}

#[test]
fn a_token_request_is_checked_as_upstream_checks_it() {
    let mut c = Cluster::new();
    let short = c
        .engine
        .issue_token("default", "default", request(Some(10)))
        .expect_err("too short");
    assert_eq!(
        short.to_string(),
        "TokenRequest \"default\" is invalid: spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes"
    );
    let missing = c
        .engine
        .issue_token("default", "nobody", request(None))
        .expect_err("no such account");
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");
}
