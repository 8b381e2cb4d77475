//! `kubectl exec` into a simulated container: the files the kubelet writes, ConfigMap
//! and Secret volumes at their mount paths, the environment, PID 1, cluster DNS over
//! the Services, pipes and redirections, "not found" (127), `exit N`, and upstream's
//! refusals for a container that is not running.

use crate::common;
use crate::pods;

use std::collections::BTreeMap;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::{ConfigMap, Service};
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use engine::{Error, ExecSession, ExecTarget};
use pods::container_spec as spec;
use serde_json::json;

fn meta(name: &str) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: Some("default".to_owned()),
        ..Default::default()
    }
}

/// A cluster with ConfigMap `settings`, Service `web` and a running pod `p` whose
/// container `app` (busybox, `sleep 3600` after touching /tmp/ready) mounts the
/// ConfigMap at /etc/settings and reads `MODE` from its environment.
fn cluster() -> Cluster {
    let mut c = Cluster::new();
    let data = BTreeMap::from([("mode".to_owned(), "fast".to_owned())]);
    c.engine
        .create(ConfigMap {
            metadata: meta("settings"),
            data: Some(data),
            ..Default::default()
        })
        .expect("config map");
    let service: Service = serde_json::from_value(json!({
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]},
    }))
    .expect("service");
    c.engine.create(service).expect("service");
    let container = spec(
        "app",
        "busybox",
        json!({
            "command": ["sh", "-c", "touch /tmp/ready; sleep 3600"],
            "env": [{"name": "MODE", "value": "fast"}],
            "volumeMounts": [{"name": "settings", "mountPath": "/etc/settings"}],
        }),
    );
    pods::create(
        &mut c,
        "p",
        json!({
            "containers": [container],
            "volumes": [{"name": "settings", "configMap": {"name": "settings"}}],
        }),
    );
    c.run_for(5_000);
    c
}

fn session(c: &Cluster) -> ExecSession {
    c.engine
        .exec(&ExecTarget {
            namespace: "default",
            pod: "p",
            container: Some("app"),
            terminal: false,
        })
        .expect("a session")
}

/// Runs `script` with `sh -c`: standard output, standard error and the exit code.
fn sh(c: &Cluster, script: &str) -> (String, String, i32) {
    let argv = ["sh", "-c", script].map(str::to_owned);
    let outcome = session(c).command(&argv, b"");
    (
        String::from_utf8_lossy(&outcome.stdout).into_owned(),
        String::from_utf8_lossy(&outcome.stderr).into_owned(),
        outcome.code,
    )
}

fn out(c: &Cluster, script: &str) -> String {
    let (stdout, stderr, code) = sh(c, script);
    assert_eq!(code, 0, "{script}: {stderr}");
    stdout
}

#[test]
fn the_kubelet_files_name_the_pod_and_cluster_dns() {
    let c = cluster();
    assert_eq!(out(&c, "cat /etc/hostname"), "p\n");
    assert_eq!(out(&c, "hostname"), "p\n");
    let hosts = out(&c, "cat /etc/hosts");
    assert!(
        hosts.starts_with("# Kubernetes-managed hosts file.\n"),
        "{hosts}"
    );
    assert!(
        hosts
            .lines()
            .any(|l| l.starts_with("10.244.") && l.ends_with("\tp")),
        "{hosts}"
    );
    assert_eq!(
        out(&c, "cat /etc/resolv.conf"),
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    );
}

#[test]
fn volumes_environment_and_what_the_command_made_are_there() {
    let c = cluster();
    assert_eq!(out(&c, "ls /etc/settings"), "mode\n");
    assert_eq!(out(&c, "cat /etc/settings/mode"), "fast");
    assert_eq!(out(&c, "echo $MODE"), "fast\n");
    assert_eq!(out(&c, "printenv MODE"), "fast\n");
    assert!(out(&c, "env").lines().any(|l| l == "HOSTNAME=p"));
    assert_eq!(out(&c, "test -f /tmp/ready && echo ready"), "ready\n");
    let ps = out(&c, "ps");
    assert_eq!(
        ps.lines()
            .nth(1)
            .map(str::split_whitespace)
            .map(Iterator::collect::<Vec<_>>),
        Some(vec![
            "1",
            "root",
            "0:00",
            "sh",
            "-c",
            "touch",
            "/tmp/ready;",
            "sleep",
            "3600"
        ])
    );
}

#[test]
fn services_resolve_by_their_short_and_full_names() {
    let c = cluster();
    let ip = c
        .engine
        .store()
        .get::<Service>("default", "web")
        .and_then(|s| s.spec.clone()?.cluster_ip)
        .expect("a cluster IP");
    let looked_up = out(&c, "nslookup web");
    assert!(
        looked_up.contains("Name:\tweb.default.svc.cluster.local\n"),
        "{looked_up}"
    );
    assert!(
        looked_up.contains(&format!("Address: {ip}\n")),
        "{looked_up}"
    );
    assert!(out(&c, "getent hosts web.default.svc").starts_with(&ip));
    let (stdout, _, code) = sh(&c, "nslookup nowhere");
    assert_eq!(code, 1);
    assert!(
        stdout.contains("** server can't find nowhere: NXDOMAIN"),
        "{stdout}"
    );
}

#[test]
fn pipes_redirections_and_exit_codes_behave_as_a_shell_does() {
    let c = cluster();
    assert_eq!(out(&c, "env | grep MODE"), "MODE=fast\n");
    assert_eq!(
        out(
            &c,
            "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f | wc -l"
        ),
        "2\n"
    );
    assert_eq!(out(&c, "cd /etc/settings && pwd"), "/etc/settings\n");
    assert_eq!(sh(&c, "exit 3"), (String::new(), String::new(), 3));
    assert_eq!(sh(&c, "false || echo recovered").0, "recovered\n");
    let (_, stderr, code) = sh(&c, "nosuchtool --help");
    assert_eq!(
        (stderr.as_str(), code),
        ("sh: nosuchtool: not found\n", 127)
    );
    let (_, stderr, code) = sh(&c, "cat /nope");
    assert_eq!(
        (stderr.as_str(), code),
        ("cat: can't open '/nope': No such file or directory\n", 1)
    );
    assert_eq!(sh(&c, "cat /nope 2>/dev/null").1, "");
    assert_eq!(sh(&c, "echo oops >&2").1, "oops\n");
    // A program run directly, not through `sh -c`.
    let outcome = session(&c).command(&["cat".to_owned()], b"from stdin");
    assert_eq!(outcome.stdout, b"from stdin");
}

#[test]
fn an_interactive_shell_keeps_its_state_between_lines_until_exit() {
    let c = cluster();
    let mut shell = session(&c);
    assert!(ExecSession::is_interactive(&["sh".to_owned()]));
    assert_eq!(shell.prompt(), "/ # ");
    assert_eq!(shell.line("cd /tmp").code, 0);
    assert_eq!(shell.line("export GREETING=hi").code, 0);
    assert_eq!(shell.line("pwd; echo $GREETING").stdout, b"/tmp\nhi\n");
    let ended = shell.line("exit 4");
    assert!(ended.ended);
    assert_eq!(ended.code, 4);
}

#[test]
fn a_container_that_is_not_running_refuses_as_upstream_does() {
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "p",
        json!({"containers": [spec("app", "nginx:no-such-tag", json!({}))]}),
    );
    c.run_for(5_000);
    let refused = c.engine.exec(&ExecTarget {
        namespace: "default",
        pod: "p",
        container: None,
        terminal: false,
    });
    let Err(Error::Invalid { causes, .. }) = refused else {
        panic!("refused as invalid: {refused:?}");
    };
    assert_eq!(causes[0].message, "container not found (\"app\")");
    let missing = c.engine.exec(&ExecTarget {
        namespace: "default",
        pod: "nope",
        container: None,
        terminal: false,
    });
    assert!(matches!(missing, Err(Error::NotFound { .. })));
}

#[test]
fn curl_and_wget_are_answered_as_the_image_behind_the_address_answers() {
    let mut c = cluster();
    // Pod `web` (label app=web, nginx) backs Service `web`.
    pods::create(
        &mut c,
        "web",
        json!({"containers": [spec("nginx", "nginx:1.25", json!({}))]}),
    );
    c.run_for(10_000);
    assert!(out(&c, "curl -s http://web").contains("<h1>Welcome to nginx!</h1>"));
    assert!(out(&c, "wget -qO- web.default.svc/index.html").contains("Welcome to nginx!"));
    assert!(out(&c, "curl -s web/healthz").contains("404 Not Found"));
    let (_, stderr, code) = sh(&c, "curl -sf web/healthz");
    assert_eq!(
        (stderr.as_str(), code),
        ("curl: (22) The requested URL returned error: 404\n", 22)
    );
    let (_, stderr, code) = sh(&c, "curl nowhere");
    assert_eq!(
        (stderr.as_str(), code),
        ("curl: (6) Could not resolve host: nowhere\n", 6)
    );
    // The busybox container itself listens on nothing.
    assert_eq!(sh(&c, "curl localhost:8080").2, 7);
}

#[test]
fn date_and_dd_answer_as_gnu_does() {
    let c = cluster();
    let year = out(&c, "date +%Y");
    assert_eq!(year.trim().len(), 4, "{year}");
    let (_, stderr, code) = sh(&c, "date foo");
    assert_eq!((stderr.as_str(), code), ("date: invalid date 'foo'\n", 1));
    let (_, stderr, code) = sh(&c, "dd if=/dev/random of=/tmp/blob bs=4M count=10");
    assert_eq!(code, 0);
    assert!(
        stderr.starts_with("10+0 records in\n10+0 records out\n41943040 bytes"),
        "{stderr}"
    );
    // Each exec is a session of its own: the file the one before wrote is not kept.
    assert_eq!(
        out(
            &c,
            "dd if=/dev/zero of=/tmp/b bs=1K count=2 2>/dev/null; ls /tmp"
        ),
        "b\nready\n"
    );
}

#[test]
fn a_secret_in_the_environment_and_a_replaced_dns_config_are_what_the_shell_sees() {
    let mut c = Cluster::new();
    let secret: engine::k8s_openapi::api::core::v1::Secret = serde_json::from_value(json!({
        "metadata": {"name": "api", "namespace": "default"},
        "stringData": {"token": "s3cret"},
    }))
    .expect("secret");
    c.engine.create(secret).expect("secret");
    let container = spec(
        "app",
        "busybox",
        json!({
            "command": ["sleep", "3600"],
            "env": [{"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}}],
        }),
    );
    pods::create(
        &mut c,
        "p",
        json!({
            "containers": [container],
            "dnsPolicy": "None",
            "dnsConfig": {"nameservers": ["1.1.1.1"], "searches": ["corp.example"], "options": [{"name": "ndots", "value": "2"}]},
        }),
    );
    c.run_for(5_000);
    assert_eq!(out(&c, "printenv TOKEN"), "s3cret\n");
    assert_eq!(
        out(&c, "cat /etc/resolv.conf"),
        "search corp.example\nnameserver 1.1.1.1\noptions ndots:2\n"
    );
}

#[test]
fn what_a_session_writes_stays_for_the_next_until_the_container_restarts() {
    let mut c = Cluster::new();
    let container = spec(
        "app",
        "busybox",
        json!({
            "command": ["sh", "-c", "touch /tmp/healthy; sleep 3600"],
            "livenessProbe": {
                "exec": {"command": ["cat", "/tmp/healthy"]},
                "periodSeconds": 5,
                "failureThreshold": 1,
            },
        }),
    );
    pods::create(&mut c, "p", json!({"containers": [container]}));
    c.run_for(5_000);
    let argv = |script: &str| ["sh", "-c", script].map(str::to_owned);
    let mut first = session(&c);
    first.command(&argv("mkdir -p /data && echo kept > /data/note"), b"");
    assert!(first.wrote());
    c.engine.keep(&mut first);
    assert!(!first.wrote(), "kept changes are not given twice");
    assert_eq!(out(&c, "cat /data/note"), "kept\n");

    // The liveness probe reads the same files a person does: removing its file kills
    // the container, and the new run starts from the image again.
    let mut second = session(&c);
    second.command(&argv("rm /tmp/healthy"), b"");
    c.engine.keep(&mut second);
    c.run_for(30_000);
    assert_eq!(pods::container(&c, "p", "app").restart_count, 1);
    let (_, err, code) = sh(&c, "cat /data/note");
    assert_eq!(
        (err.as_str(), code),
        (
            "cat: can't open '/data/note': No such file or directory\n",
            1
        )
    );
    assert_eq!(sh(&c, "cat /tmp/healthy").2, 0);
}
