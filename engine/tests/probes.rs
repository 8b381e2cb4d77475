//! Probes on virtual time against what the catalog's images do: the five parameters,
//! startup gating, liveness restarts with a Killing event, readiness toggling Ready.

use crate::common;
use crate::pods;

use common::Cluster;
use pods::{container_spec as spec, count, event, state};
use serde_json::{json, Value};

fn one(c: &mut Cluster, image: &str, extra: Value) {
    pods::create(c, "p", json!({"containers": [spec("app", image, extra)]}));
}

fn ip(c: &Cluster) -> String {
    pods::status(c, "p").pod_ip.expect("pod ip")
}

fn ready(c: &Cluster) -> bool {
    pods::container(c, "p", "app").ready
}

#[test]
fn a_liveness_probe_on_a_closed_port_kills_and_restarts_the_container() {
    let mut c = Cluster::new();
    let probe = json!({"httpGet": {"path": "/", "port": 8080}, "initialDelaySeconds": 5, "periodSeconds": 5});
    one(&mut c, "nginx:1.27", json!({"livenessProbe": probe}));
    // Started at 1 s; probes at 6, 11 and 16 s; the third failure kills.
    c.run_for(15_900);
    assert_eq!(state(&c, "p", "app"), "Running");
    let ip = ip(&c);
    let failed = format!(
        "Liveness probe failed: Get \"http://{ip}:8080/\": dial tcp {ip}:8080: connect: connection refused"
    );
    assert_eq!(count(&c, "p", "Unhealthy", &failed), 2);
    assert_eq!(count(&c, "p", "Killing", ""), 0);
    c.run_for(100);
    assert_eq!(count(&c, "p", "Unhealthy", &failed), 3);
    let killing = event(
        &c,
        "p",
        "Killing",
        "Container app failed liveness probe, will be restarted",
    )
    .expect("Killing event");
    assert_eq!(killing.type_.as_deref(), Some("Normal"));
    assert_eq!(state(&c, "p", "app"), "Terminated:Error:137");
    // Noticed at the next relist (1 s), restarted at once: created in 300 ms.
    c.run_for(1_300);
    assert_eq!(state(&c, "p", "app"), "Running");
    let status = pods::container(&c, "p", "app");
    assert_eq!(status.restart_count, 1);
    let last = status
        .last_state
        .and_then(|s| s.terminated)
        .expect("last state");
    assert_eq!(last.exit_code, 137);
}

#[test]
fn the_documentation_s_exec_liveness_example_restarts_after_the_file_goes() {
    let mut c = Cluster::new();
    one(
        &mut c,
        "registry.k8s.io/busybox",
        json!({
            "args": ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
            "livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}, "initialDelaySeconds": 5, "periodSeconds": 5},
        }),
    );
    // Started at 0.4 s; the file goes at 30.4 s; probes fail at 30.4, 35.4, 40.4 s.
    c.run_for(30_000);
    assert_eq!(count(&c, "p", "Unhealthy", ""), 0);
    c.run_for(11_000);
    assert_eq!(
        count(
            &c,
            "p",
            "Unhealthy",
            "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
        ),
        3
    );
    assert!(event(
        &c,
        "p",
        "Killing",
        "failed liveness probe, will be restarted"
    )
    .is_some());
    c.run_for(1_000);
    assert_eq!(pods::container(&c, "p", "app").restart_count, 1);
    assert_eq!(state(&c, "p", "app"), "Running");
}

#[test]
fn the_documentation_s_http_liveness_server_fails_after_ten_seconds() {
    let mut c = Cluster::new();
    let probe = json!({
        "httpGet": {"path": "/healthz", "port": 8080, "httpHeaders": [{"name": "Custom-Header", "value": "Awesome"}]},
        "initialDelaySeconds": 3,
        "periodSeconds": 3,
    });
    one(
        &mut c,
        "registry.k8s.io/liveness",
        json!({"args": ["/server"], "livenessProbe": probe}),
    );
    // Started at 0.4 s, healthy until 10.4 s: probes at 3.4, 6.4, 9.4 s pass.
    c.run_for(12_000);
    assert_eq!(count(&c, "p", "Unhealthy", ""), 0);
    c.run_for(7_000);
    assert_eq!(
        count(
            &c,
            "p",
            "Unhealthy",
            "Liveness probe failed: HTTP probe failed with statuscode: 500"
        ),
        3
    );
    assert!(event(&c, "p", "Killing", "Container app failed liveness probe").is_some());
}

#[test]
fn a_startup_probe_holds_back_liveness_and_readiness_until_it_passes() {
    let mut c = Cluster::new();
    let http = json!({"httpGet": {"path": "/", "port": 8080}});
    one(
        &mut c,
        "tomcat:10.1",
        json!({
            "startupProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 2, "failureThreshold": 10},
            "livenessProbe": http,
            "readinessProbe": http,
        }),
    );
    // tomcat: 1.652 s pull, started at 1.952 s, listening 3 s later; the startup probe
    // runs at 1.952, 3.952 (refused) and 5.952 s (passes).
    c.run_for(5_900);
    let status = pods::container(&c, "p", "app");
    assert_eq!((status.started, status.ready), (Some(false), false));
    assert_eq!(
        count(&c, "p", "Unhealthy", "Startup probe failed: dial tcp"),
        2
    );
    assert_eq!(count(&c, "p", "Unhealthy", "Liveness"), 0, "held back");
    assert_eq!(count(&c, "p", "Unhealthy", "Readiness"), 0, "held back");
    c.run_for(100);
    let status = pods::container(&c, "p", "app");
    assert_eq!((status.started, status.ready), (Some(true), true));
    assert_eq!(pods::condition(&c, "p", "Ready"), "True");
    assert_eq!(count(&c, "p", "Unhealthy", "Readiness"), 0);
}

#[test]
fn readiness_toggles_ready_after_its_success_and_failure_thresholds() {
    let mut c = Cluster::new();
    one(
        &mut c,
        "busybox:1.36",
        json!({
            "command": ["sh", "-c", "touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 3600"],
            "readinessProbe": {
                "exec": {"command": ["cat", "/tmp/ready"]},
                "periodSeconds": 5, "successThreshold": 2, "failureThreshold": 2,
            },
        }),
    );
    // Started at 0.4 s: successes at 0.4 and 5.4 s, failures from 20.4 s.
    c.run_for(3_000);
    assert!(!ready(&c), "one success is not two");
    c.run_for(3_000);
    assert!(ready(&c));
    assert_eq!(pods::condition(&c, "p", "ContainersReady"), "True");
    c.run_for(18_000);
    assert!(ready(&c), "one failure is not two");
    c.run_for(2_000);
    assert!(!ready(&c));
    assert_eq!(pods::condition(&c, "p", "Ready"), "False");
    assert_eq!(
        pods::phase(&c, "p"),
        "Running",
        "not ready is not restarted"
    );
    assert_eq!(
        count(
            &c,
            "p",
            "Unhealthy",
            "Readiness probe failed: cat: can't open '/tmp/ready'"
        ),
        2
    );
}

#[test]
fn an_image_whose_endpoint_never_answers_never_becomes_ready() {
    let mut c = Cluster::new();
    let probe = json!({"httpGet": {"path": "/ready", "port": 8080}, "periodSeconds": 5});
    one(&mut c, "team/slow-start", json!({"readinessProbe": probe}));
    c.run_for(30_000);
    assert_eq!(pods::phase(&c, "p"), "Running");
    assert!(!ready(&c));
    let ip = ip(&c);
    let message = format!(
        "Readiness probe failed: Get \"http://{ip}:8080/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
    );
    assert!(count(&c, "p", "Unhealthy", &message) >= 5);
    let ready = pods::status(&c, "p")
        .conditions
        .into_iter()
        .flatten()
        .find(|c| c.type_ == "ContainersReady")
        .expect("condition");
    assert_eq!(
        (
            ready.status.as_str(),
            ready.reason.as_deref(),
            ready.message.as_deref()
        ),
        (
            "False",
            Some("ContainersNotReady"),
            Some("containers with unready status: [app]")
        )
    );
}

#[test]
fn timeout_seconds_decides_whether_a_slow_answer_counts() {
    for (timeout, becomes_ready) in [(1, false), (3, true)] {
        let mut c = Cluster::new();
        let probe = json!({"httpGet": {"path": "/", "port": 8080}, "timeoutSeconds": timeout});
        one(
            &mut c,
            "platform/report-api:1.4",
            json!({"readinessProbe": probe}),
        );
        c.run_for(5_000);
        assert_eq!(ready(&c), becomes_ready, "timeoutSeconds {timeout}");
    }
}

#[test]
fn tcp_probes_pass_on_open_ports_only() {
    for (port, becomes_ready) in [(6380, false), (6379, true)] {
        let mut c = Cluster::new();
        let probe = json!({"tcpSocket": {"port": port}});
        one(&mut c, "redis:7.4", json!({"readinessProbe": probe}));
        c.run_for(5_000);
        assert_eq!(ready(&c), becomes_ready, "port {port}");
        if !becomes_ready {
            let ip = ip(&c);
            let message = format!(
                "Readiness probe failed: dial tcp {ip}:{port}: connect: connection refused"
            );
            assert_eq!(count(&c, "p", "Unhealthy", &message), 1);
        }
    }
}

#[test]
fn an_http_probe_against_a_database_gets_no_http_answer() {
    let mut c = Cluster::new();
    let probe = json!({"httpGet": {"path": "/", "port": 6379}});
    one(&mut c, "redis", json!({"readinessProbe": probe}));
    c.run_for(5_000);
    assert!(!ready(&c));
    assert!(count(&c, "p", "Unhealthy", ":6379/\": EOF") >= 1);
}

#[test]
fn an_exec_probe_sees_the_container_a_shell_sees() {
    let mut c = Cluster::new();
    // nginx never makes /tmp/ready: on a cluster, `cat /tmp/ready` fails there.
    one(
        &mut c,
        "nginx:1.25",
        json!({
            "readinessProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "periodSeconds": 5},
            "livenessProbe": {"exec": {"command": ["cat", "/usr/share/nginx/html/index.html"]}, "periodSeconds": 5},
        }),
    );
    c.run_for(20_000);
    assert!(
        count(
            &c,
            "p",
            "Unhealthy",
            "Readiness probe failed: cat: /tmp/ready: No such file or directory"
        ) > 0
    );
    assert_eq!(count(&c, "p", "Unhealthy", "Liveness probe failed: "), 0);
    assert!(!pods::container(&c, "p", "app").ready);
    assert_eq!(pods::container(&c, "p", "app").restart_count, 0);
}

#[test]
fn an_http_probe_is_answered_as_the_image_answers() {
    let mut c = Cluster::new();
    one(
        &mut c,
        "nginx:1.25",
        json!({
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": 80}, "periodSeconds": 5},
            "livenessProbe": {"httpGet": {"path": "/index.html", "port": 80}, "periodSeconds": 5},
        }),
    );
    c.run_for(20_000);
    let failed = "Readiness probe failed: HTTP probe failed with statuscode: 404";
    assert!(count(&c, "p", "Unhealthy", failed) > 0);
    assert_eq!(count(&c, "p", "Unhealthy", "Liveness probe failed"), 0);
    assert!(!pods::container(&c, "p", "app").ready);
}
