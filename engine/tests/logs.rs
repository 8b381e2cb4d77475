//! Simulated container logs through `Engine::logs`: what images print, `tail`, `since`,
//! `previous`, and upstream's errors.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::k8s_openapi::jiff::SignedDuration;
use engine::Error;
use pods::container_spec as spec;
use serde_json::json;

fn message(e: Error) -> String {
    match e {
        Error::Invalid { causes, .. } => causes.into_iter().map(|c| c.message).collect(),
        other => other.to_string(),
    }
}

#[test]
fn nginx_prints_its_startup_notices_and_one_access_line_per_http_probe() {
    let mut c = Cluster::new();
    let start = c.engine.now();
    let probe = json!({"httpGet": {"path": "/", "port": 80}, "periodSeconds": 5});
    pods::create(
        &mut c,
        "p",
        json!({"containers": [spec("web", "nginx:1.27", json!({"readinessProbe": probe}))]}),
    );
    // Started at 1 s; probes at 1, 6 and 11 s.
    c.run_for(11_000);
    let logs = c
        .engine
        .logs("default", "p", None, None, None, false)
        .expect("logs");
    assert!(logs[0].starts_with("/docker-entrypoint.sh:"), "{logs:?}");
    assert!(logs.iter().any(|l| l.ends_with("[notice] 1#1: nginx/1.27")));
    let host_ip = pods::status(&c, "p").host_ip.expect("host ip");
    let access: Vec<&String> = logs
        .iter()
        .filter(|l| l.contains("GET / HTTP/1.1"))
        .collect();
    assert_eq!(access.len(), 3, "{logs:?}");
    assert!(access[0].starts_with(&format!("{host_ip} - - [01/Jan/2026:00:00:01 +0000]")));
    assert!(access[0].contains("\" 200 615 \"-\" \"kube-probe/1.32\""));

    let last = c
        .engine
        .logs("default", "p", Some("web"), Some(1), None, false)
        .expect("tail");
    assert_eq!(last, [access[2].clone()]);
    let since = start + SignedDuration::from_millis(5_500);
    let recent = c
        .engine
        .logs("default", "p", None, None, Some(since), false)
        .expect("since");
    assert_eq!(
        recent.len(),
        2,
        "the access lines of 6 and 11 s: {recent:?}"
    );
}

#[test]
fn previous_reads_the_run_before_a_restart() {
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "p",
        json!({"containers": [spec("app", "team/crashy:v1", json!({}))]}),
    );
    c.run_for(3_000);
    let gone = c.engine.logs("default", "p", None, None, None, true).err();
    assert_eq!(
        gone.map(message).as_deref(),
        Some("previous terminated container \"app\" in pod \"p\" not found")
    );
    // Crashes 5 s after its start, restarts a second later.
    c.run_for(5_000);
    let previous = c
        .engine
        .logs("default", "p", None, None, None, true)
        .expect("previous");
    assert_eq!(previous[0], "listening on :8080");
    assert!(previous
        .iter()
        .any(|l| l.starts_with("panic: runtime error")));
    let current = c
        .engine
        .logs("default", "p", None, None, None, false)
        .expect("current");
    assert_eq!(current, ["listening on :8080"]);
}

#[test]
fn logs_answer_upstream_s_errors() {
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "two",
        json!({"containers": [spec("a", "nginx:1.27", json!({})), spec("b", "redis:7.4", json!({}))]}),
    );
    pods::create(
        &mut c,
        "bad",
        json!({"containers": [spec("app", "nginx:0.0.1", json!({}))]}),
    );
    c.run_for(2_000);
    let err = |pod: &str, container: Option<&str>| {
        c.engine
            .logs("default", pod, container, None, None, false)
            .err()
            .map(message)
    };
    assert_eq!(
        err("two", None).as_deref(),
        Some("a container name must be specified for pod two, choose one of: [a b]")
    );
    assert_eq!(
        err("two", Some("c")).as_deref(),
        Some("container c is not valid for pod two")
    );
    assert_eq!(
        err("bad", None).as_deref(),
        Some("container \"app\" in pod \"bad\" is waiting to start: image can't be pulled")
    );
    assert!(matches!(
        c.engine.logs("default", "nosuch", None, None, None, false),
        Err(Error::NotFound { .. })
    ));
    let redis = c
        .engine
        .logs("default", "two", Some("b"), None, None, false)
        .expect("redis logs");
    assert!(redis
        .last()
        .is_some_and(|l| l.ends_with("Ready to accept connections tcp")));
}

#[test]
fn a_database_without_its_password_setting_exits_and_says_why() {
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "db",
        json!({"containers": [spec("mysql", "mysql:8.4", json!({}))]}),
    );
    pods::create(
        &mut c,
        "ok",
        json!({"containers": [spec("mysql", "mysql:8.4", json!({"env": [{"name": "MYSQL_ROOT_PASSWORD", "value": "pw"}]}))]}),
    );
    c.run_for(4_000);
    assert_eq!(pods::state(&c, "db", "mysql"), "Terminated:Error:1");
    assert_eq!(pods::state(&c, "ok", "mysql"), "Running");
    let logs = c
        .engine
        .logs("default", "db", None, None, None, false)
        .expect("logs");
    assert!(logs
        .iter()
        .any(|l| l.contains("password option is not specified")));
    assert!(logs.iter().any(|l| l.ends_with("- MYSQL_ROOT_PASSWORD")));
}
