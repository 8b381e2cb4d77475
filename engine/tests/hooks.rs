//! Lifecycle hooks: postStart and preStop run through the container's shell (what they
//! write stays), a failing postStart kills the container, a failing preStop is
//! reported, and a preStop's sleeps hold the pod within its grace period.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::ExecTarget;
use pods::container_spec as spec;
use serde_json::json;

/// Runs pod `p`, container `app` of `image` with `lifecycle`, for 5 s.
fn started(image: &str, lifecycle: serde_json::Value) -> Cluster {
    let mut c = Cluster::new();
    let container = spec("app", image, json!({"lifecycle": lifecycle}));
    pods::create(&mut c, "p", json!({"containers": [container]}));
    c.run_for(5_000);
    c
}

/// Runs `script` in `p`'s container: its standard output.
fn exec(c: &Cluster, script: &str) -> String {
    let target = ExecTarget {
        namespace: "default",
        pod: "p",
        container: None,
        terminal: false,
    };
    let mut session = c.engine.exec(&target).expect("a session");
    let argv = ["sh", "-c", script].map(str::to_owned);
    String::from_utf8_lossy(&session.command(&argv, b"").stdout).into_owned()
}

/// The reasons and messages of `p`'s events.
fn events(c: &Cluster) -> Vec<(String, String)> {
    c.events_about("Pod")
        .iter()
        .map(|e| {
            (
                e.reason.clone().unwrap_or_default(),
                e.message.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn what_a_post_start_hook_writes_is_there_for_exec() {
    // The Kubernetes documentation's example (lifecycle-events.yaml).
    let hook = json!({"postStart": {"exec": {"command":
        ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]}}});
    let c = started("nginx:1.27", hook);
    assert_eq!(pods::phase(&c, "p"), "Running");
    assert_eq!(
        exec(&c, "cat /usr/share/message"),
        "Hello from the postStart handler\n"
    );
}

#[test]
fn a_failing_post_start_hook_kills_the_container_which_restarts() {
    let hook = json!({"postStart": {"exec": {"command": ["cat", "/nope"]}}});
    let mut c = started("nginx:1.27", hook);
    c.run_for(20_000);
    assert!(pods::container(&c, "p", "app").restart_count >= 1);
    let events = events(&c);
    let failed = events
        .iter()
        .find(|(reason, _)| reason == "FailedPostStartHook")
        .expect("a FailedPostStartHook event");
    assert!(
        failed.1.starts_with(
            "Exec lifecycle hook ([cat /nope]) for Container \"app\" in Pod \"p_default("
        ),
        "{}",
        failed.1
    );
    assert!(
        failed.1.ends_with(
            "failed - error: command 'cat /nope' exited with 1: cat: /nope: No such file or directory\n, message: \"cat: /nope: No such file or directory\\n\""
        ),
        "{}",
        failed.1
    );
    assert!(events.contains(&("Killing".to_owned(), "FailedPostStartHook".to_owned())));
}

#[test]
fn an_http_post_start_hook_to_a_port_nobody_listens_on_fails() {
    let hook = json!({"postStart": {"httpGet": {"path": "/started", "port": 9999}}});
    let c = started("nginx:1.27", hook);
    let seen = events(&c);
    let failed = seen
        .iter()
        .find(|(reason, _)| reason == "FailedPostStartHook")
        .expect("a FailedPostStartHook event");
    assert!(
        failed.1.starts_with("HTTP lifecycle hook (/started)"),
        "{}",
        failed.1
    );
    assert!(
        failed.1.ends_with(":9999: connect: connection refused"),
        "{}",
        failed.1
    );

    // Any answer is success (upstream reads no status code): nginx 404s /started.
    let hook = json!({"postStart": {"httpGet": {"path": "/started", "port": 80}}});
    let c = started("nginx:1.27", hook);
    assert!(!events(&c).iter().any(|(r, _)| r == "FailedPostStartHook"));
    assert_eq!(pods::container(&c, "p", "app").restart_count, 0);
}

#[test]
fn a_pre_stop_hook_runs_in_the_shell_and_holds_the_pod_within_its_grace() {
    let hook = json!({"preStop": {"exec": {"command": ["sh", "-c", "sleep 5"]}}});
    let mut c = started("nginx:1.27", hook);
    c.engine
        .delete::<Pod>("default", "p", None)
        .expect("delete");
    c.run_for(4_000);
    assert!(
        c.engine.store().get::<Pod>("default", "p").is_some(),
        "the hook sleeps 5 s"
    );
    c.run_for(3_000);
    assert!(c.engine.store().get::<Pod>("default", "p").is_none());

    let hook = json!({"preStop": {"exec": {"command": ["nginx-stop"]}}});
    let mut c = started("nginx:1.27", hook);
    c.engine
        .delete::<Pod>("default", "p", None)
        .expect("delete");
    c.run_for(1_000);
    let failed = events(&c)
        .into_iter()
        .find(|(reason, _)| reason == "FailedPreStopHook")
        .expect("a FailedPreStopHook event");
    assert!(failed.1.contains("exited with 127"), "{}", failed.1);
}
