//! The simulated node agent against the image catalog: pulls and their back-off, pull
//! policies, init containers, commands, port conflicts and crash loops, environment
//! references. Probes are in `probes.rs`, logs in `logs.rs`.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::core::v1::Secret;
use engine::k8s_openapi::ByteString;
use pods::{container_spec as spec, count, event, phase, state, waiting_message};
use serde_json::json;

fn one(c: &mut Cluster, name: &str, image: &str, extra: serde_json::Value) {
    pods::create(c, name, json!({"containers": [spec("app", image, extra)]}));
}

#[test]
fn an_unknown_tag_fails_to_pull_then_backs_off_from_10s_doubling_to_300s() {
    let mut c = Cluster::new();
    one(&mut c, "p", "nginx:0.0.1", json!({}));
    assert_eq!(state(&c, "p", "app"), "Waiting:ContainerCreating");
    c.run_for(100);
    assert_eq!(state(&c, "p", "app"), "Waiting:ErrImagePull");
    let failed = event(&c, "p", "Failed", "Failed to pull image").expect("Failed event");
    assert_eq!(failed.type_.as_deref(), Some("Warning"));
    assert!(
        failed.message.as_deref().is_some_and(|m| m
            .starts_with("Failed to pull image \"nginx:0.0.1\": rpc error: code = NotFound")
            && m.ends_with("docker.io/library/nginx:0.0.1: not found")),
        "{failed:?}"
    );
    assert_eq!(count(&c, "p", "Failed", "Error: ErrImagePull"), 1);
    assert_eq!(count(&c, "p", "Failed", "failed to re-pull image"), 0);
    c.run_for(1_000);
    assert_eq!(state(&c, "p", "app"), "Waiting:ImagePullBackOff");
    assert_eq!(
        waiting_message(&c, "p", "app"),
        "Back-off pulling image \"nginx:0.0.1\""
    );
    assert_eq!(
        count(&c, "p", "BackOff", "Back-off pulling image \"nginx:0.0.1\""),
        1
    );
    assert_eq!(phase(&c, "p"), "Pending");

    // Each pull takes 100 ms to fail; the next begins 10 s, 20 s, 40 s … after.
    let mut pulls_at = vec![0];
    let mut seen = count(&c, "p", "Pulling", "nginx:0.0.1");
    for tick in 12..=9_500 {
        c.run_for(100);
        let now = count(&c, "p", "Pulling", "nginx:0.0.1");
        if now != seen {
            pulls_at.push(tick * 100);
            seen = now;
        }
    }
    let gaps: Vec<i64> = pulls_at.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(
        gaps,
        [10_100, 20_100, 40_100, 80_100, 160_100, 300_100, 300_100]
    );
    assert_eq!(
        count(&c, "p", "Failed", "failed to re-pull image \"nginx:0.0.1\""),
        7,
        "every failed re-pull says so, as the seed's event"
    );
    assert_eq!(c.ready_pods().len(), 0);
}

#[test]
fn unknown_images_do_not_pull_and_any_spelling_of_a_known_one_runs() {
    let mut c = Cluster::new();
    one(&mut c, "nosuch", "registry:5000/team/app:v2", json!({}));
    one(&mut c, "full", "docker.io/library/nginx:1.27", json!({}));
    c.run_for(1_000);
    assert_eq!(state(&c, "nosuch", "app"), "Waiting:ErrImagePull");
    assert!(event(
        &c,
        "nosuch",
        "Failed",
        "registry:5000/team/app:v2: not found"
    )
    .is_some());
    assert_eq!(state(&c, "full", "app"), "Running");
    let status = pods::container(&c, "full", "app");
    assert_eq!(status.image, "docker.io/library/nginx:1.27");
    assert!(status
        .image_id
        .starts_with("docker.io/library/nginx@sha256:"));
    assert!(status
        .container_id
        .is_some_and(|id| id.starts_with("containerd://")));
}

#[test]
fn pull_policies_decide_whether_the_node_pulls() {
    let mut c = Cluster::new();
    let on_node = |policy: &str| json!({"imagePullPolicy": policy});
    let pinned = |c: &mut Cluster, name: &str, image: &str, policy: &str| {
        pods::create(
            c,
            name,
            json!({"nodeName": "node-1", "containers": [spec("app", image, on_node(policy))]}),
        );
    };
    pinned(&mut c, "never", "nginx:1.27", "Never");
    c.run_for(100);
    assert_eq!(state(&c, "never", "app"), "Waiting:ErrImageNeverPull");
    assert!(event(
        &c,
        "never",
        "ErrImageNeverPull",
        "Container image \"nginx:1.27\" is not present with pull policy of Never"
    )
    .is_some());

    pinned(&mut c, "first", "nginx:1.27", "IfNotPresent");
    c.run_for(999);
    assert_eq!(state(&c, "first", "app"), "Waiting:ContainerCreating");
    c.run_for(1);
    assert_eq!(state(&c, "first", "app"), "Running", "pulled in 700 ms");
    assert!(event(
        &c,
        "first",
        "Pulled",
        "Successfully pulled image \"nginx:1.27\" in 700ms (700ms including waiting). Image size: 72000000 bytes."
    )
    .is_some());

    pinned(&mut c, "second", "nginx:1.27", "IfNotPresent");
    assert!(event(
        &c,
        "second",
        "Pulled",
        "Container image \"nginx:1.27\" already present on machine"
    )
    .is_some());
    assert_eq!(count(&c, "second", "Pulling", ""), 0);
    c.run_for(300);
    assert_eq!(
        state(&c, "second", "app"),
        "Running",
        "no pull: created at once"
    );

    pinned(&mut c, "always", "nginx:1.27", "Always");
    assert_eq!(count(&c, "always", "Pulling", ""), 1, "Always pulls");
    c.run_for(400);
    assert_eq!(
        state(&c, "always", "app"),
        "Running",
        "a re-pull of a present image only checks the manifest"
    );

    // The pull Never refused is there now, and the kubelet's next try finds it.
    c.run_for(10_000);
    assert_eq!(state(&c, "never", "app"), "Running");
}

#[test]
fn init_containers_run_one_after_another_to_completion_before_the_app() {
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "p",
        json!({
            "initContainers": [
                spec("wait", "busybox:1.28", json!({"command": ["sh", "-c", "echo waiting; sleep 2"]})),
                spec("setup", "busybox:1.28", json!({"command": ["true"]})),
            ],
            "containers": [spec("app", "nginx:1.27", json!({}))],
        }),
    );
    c.run_for(1_000);
    assert_eq!(state(&c, "p", "wait"), "Running");
    assert_eq!(state(&c, "p", "setup"), "Waiting:PodInitializing");
    assert_eq!(state(&c, "p", "app"), "Waiting:PodInitializing");
    assert_eq!(phase(&c, "p"), "Pending");
    assert_eq!(pods::condition(&c, "p", "Initialized"), "False");
    // busybox: 100 ms pull, 300 ms create, 2 s of sleep, noticed at the 1 s relist.
    c.run_for(2_400);
    assert_eq!(state(&c, "p", "wait"), "Terminated:Completed:0");
    assert_eq!(state(&c, "p", "setup"), "Waiting:PodInitializing");
    c.run_for(400);
    assert_eq!(state(&c, "p", "setup"), "Terminated:Completed:0");
    assert_eq!(state(&c, "p", "app"), "Waiting:PodInitializing");
    assert_eq!(pods::condition(&c, "p", "Initialized"), "False");
    c.run_for(900);
    assert_eq!(state(&c, "p", "app"), "Waiting:ContainerCreating");
    assert_eq!(pods::condition(&c, "p", "Initialized"), "True");
    c.run_for(1_000);
    assert_eq!(state(&c, "p", "app"), "Running");
    assert_eq!(phase(&c, "p"), "Running");
    assert_eq!(pods::condition(&c, "p", "Ready"), "True");
}

#[test]
fn a_failing_init_container_restarts_with_back_off_and_holds_the_app() {
    let mut c = Cluster::new();
    let pod = |policy: &str| {
        json!({
            "restartPolicy": policy,
            "initContainers": [spec("init", "busybox", json!({"command": ["sh", "-c", "exit 1"]}))],
            "containers": [spec("app", "nginx:1.27", json!({}))],
        })
    };
    pods::create(&mut c, "always", pod("Always"));
    pods::create(&mut c, "never", pod("Never"));
    c.run_for(500);
    assert_eq!(
        state(&c, "always", "init"),
        "Terminated:Error:1",
        "Init:Error"
    );
    c.run_for(5_000);
    assert_eq!(state(&c, "always", "init"), "Waiting:CrashLoopBackOff");
    assert_eq!(state(&c, "always", "app"), "Waiting:PodInitializing");
    assert_eq!(phase(&c, "always"), "Pending");
    assert!(pods::container(&c, "always", "init").restart_count >= 1);
    assert_eq!(state(&c, "never", "init"), "Terminated:Error:1");
    assert_eq!(phase(&c, "never"), "Failed");
}

#[test]
fn a_command_decides_how_long_a_shell_image_runs_and_how_it_ends() {
    let mut c = Cluster::new();
    let never = |command: serde_json::Value| json!({"restartPolicy": "Never", "containers": [spec("app", "busybox:1.36", json!({"command": command}))]});
    pods::create(&mut c, "sleeper", never(json!(["sleep", "5"])));
    pods::create(
        &mut c,
        "exit3",
        never(json!(["sh", "-c", "echo bye; exit 3"])),
    );
    pods::create(&mut c, "false", never(json!(["false"])));
    c.run_for(2_000);
    assert_eq!(phase(&c, "sleeper"), "Running");
    assert_eq!(state(&c, "exit3", "app"), "Terminated:Error:3");
    assert_eq!(phase(&c, "exit3"), "Failed");
    assert_eq!(state(&c, "false", "app"), "Terminated:Error:1");
    c.run_for(4_000);
    assert_eq!(state(&c, "sleeper", "app"), "Terminated:Completed:0");
    assert_eq!(phase(&c, "sleeper"), "Succeeded");
}

#[test]
fn a_deployment_of_a_shell_image_without_command_completes_and_crash_loops() {
    let mut c = Cluster::new();
    let mut d = demo::deployment("default", "bb", "busybox", 1);
    common::first_container(&mut d).ports = None;
    c.engine.create(d).expect("create");
    c.run_for(60_000);
    let name = c.pods()[0].metadata.name.clone().expect("name");
    assert_eq!(state(&c, &name, "busybox"), "Waiting:CrashLoopBackOff");
    let status = pods::container(&c, &name, "busybox");
    let last = status.last_state.and_then(|s| s.terminated).expect("last");
    assert_eq!(
        (last.exit_code, last.reason.as_deref()),
        (0, Some("Completed"))
    );
    assert!(status.restart_count >= 3, "{}", status.restart_count);
    assert_eq!(phase(&c, &name), "Running", "restartPolicy Always");
    assert!(c.ready_pods().is_empty());
}

#[test]
fn two_containers_on_one_port_crash_loop_the_one_that_binds_second() {
    let mut c = Cluster::new();
    let port = json!({"ports": [{"containerPort": 80}]});
    pods::create(
        &mut c,
        "p",
        json!({"containers": [spec("web", "nginx:1.27", port.clone()), spec("web2", "nginx:1.27", port)]}),
    );
    c.run_for(1_000);
    assert_eq!(state(&c, "p", "web"), "Running");
    assert_eq!(state(&c, "p", "web2"), "Terminated:Error:1");
    // Noticed after 1 s, restarted at once (restart 1), fails again; then 10 s back-off.
    c.run_for(4_000);
    assert_eq!(state(&c, "p", "web2"), "Waiting:CrashLoopBackOff");
    let uid = pods::get(&c, "p").metadata.uid.expect("uid");
    assert_eq!(
        waiting_message(&c, "p", "web2"),
        format!("back-off 10s restarting failed container=web2 pod=p_default({uid})")
    );
    let backoff = event(
        &c,
        "p",
        "BackOff",
        "Back-off restarting failed container web2 in pod p_default",
    )
    .expect("BackOff event");
    assert_eq!(backoff.type_.as_deref(), Some("Warning"));
    assert!(event(&c, "p", "Failed", "failed to restart container \"web2\"").is_some());
    assert_eq!(pods::container(&c, "p", "web2").restart_count, 1);
    assert_eq!(phase(&c, "p"), "Running");
    assert_eq!(pods::condition(&c, "p", "Ready"), "False");
    // Restarts after 10 s, then 20 s.
    c.run_for(8_000);
    assert_eq!(pods::container(&c, "p", "web2").restart_count, 2);
    c.run_for(2_000);
    assert!(waiting_message(&c, "p", "web2").starts_with("back-off 20s"));
    c.run_for(20_000);
    assert_eq!(pods::container(&c, "p", "web2").restart_count, 3);
    let logs = c
        .engine
        .logs("default", "p", Some("web2"), None, None, false)
        .expect("logs");
    assert!(
        logs.iter()
            .any(|l| l.contains("bind() to 0.0.0.0:80 failed (98: Address already in use)")),
        "{logs:?}"
    );
}

#[test]
fn an_image_that_crashes_after_start_crash_loops() {
    let mut c = Cluster::new();
    one(&mut c, "p", "team/crashy:v1", json!({}));
    c.run_for(1_000);
    assert_eq!(state(&c, "p", "app"), "Running");
    c.run_for(5_000);
    assert_eq!(state(&c, "p", "app"), "Terminated:Error:2");
    c.run_for(30_000);
    assert_eq!(pods::container(&c, "p", "app").restart_count, 2);
    assert!(
        count(
            &c,
            "p",
            "BackOff",
            "Back-off restarting failed container app"
        ) >= 1
    );
}

#[test]
fn env_references_resolve_and_a_missing_secret_holds_the_start_until_it_exists() {
    let mut c = Cluster::new();
    let env = json!({
        "command": ["sh", "-c", "echo \"$POD_NAME $POD_IP $TOKEN $(GREETING)\"; sleep 3600"],
        "env": [
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
            {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}},
            {"name": "MAYBE", "valueFrom": {"configMapKeyRef": {"name": "none", "key": "k", "optional": true}}},
            {"name": "GREETING", "value": "hi-$(POD_NAME)"},
        ],
    });
    one(&mut c, "p", "busybox", env);
    c.run_for(1_000);
    assert_eq!(state(&c, "p", "app"), "Waiting:CreateContainerConfigError");
    assert_eq!(waiting_message(&c, "p", "app"), "secret \"api\" not found");
    assert!(event(&c, "p", "Failed", "Error: secret \"api\" not found").is_some());

    let mut secret = Secret {
        metadata: engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
            name: Some("api".to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        ..Default::default()
    };
    c.engine.create(secret.clone()).expect("secret");
    c.run_for(10_000);
    assert_eq!(
        waiting_message(&c, "p", "app"),
        "couldn't find key token in Secret default/api"
    );

    secret.data = Some([("token".to_owned(), ByteString(b"s3cret".to_vec()))].into());
    c.engine.update(secret).expect("add the key");
    // At once, not at the next 10 s retry: a re-pull (Always) and the create.
    c.run_for(400);
    assert_eq!(
        state(&c, "p", "app"),
        "Running",
        "started once the key exists"
    );
    let ip = pods::status(&c, "p").pod_ip.expect("ip");
    let logs = c
        .engine
        .logs("default", "p", None, None, None, false)
        .expect("logs");
    assert_eq!(logs, [format!("p {ip} s3cret hi-p")]);
}
