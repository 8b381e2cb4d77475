//! `kubectl attach`: the output of the container's own process from the moment of
//! attaching, and, when that process is a shell given standard input (`kubectl run -it
//! -- sh`), lines typed into it, whose `exit` ends the container.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::ExecTarget;
use pods::container_spec as spec;
use serde_json::json;

const TARGET: ExecTarget = ExecTarget {
    namespace: "default",
    pod: "p",
    container: None,
    terminal: true,
};

#[test]
fn a_shell_given_stdin_waits_for_it_and_its_exit_ends_the_container() {
    let mut c = Cluster::new();
    let shell = spec(
        "app",
        "busybox",
        json!({"command": ["sh"], "stdin": true, "stdinOnce": true, "tty": true}),
    );
    pods::create(
        &mut c,
        "p",
        json!({"containers": [shell], "restartPolicy": "Never"}),
    );
    c.run_for(10_000);
    assert_eq!(pods::phase(&c, "p"), "Running", "sh waits on its input");

    let mut attached = c.engine.attach(&TARGET).expect("attached");
    assert!(attached.tty && attached.stdin_once);
    let shell = attached.shell.as_mut().expect("its process is a shell");
    assert_eq!(shell.line("echo $HOSTNAME").stdout, b"p\n");
    let ended = shell.line("exit 3");
    assert!(ended.ended);
    c.engine.end_attached(&mut attached, ended.code);
    c.run_for(2_000);
    assert_eq!(pods::phase(&c, "p"), "Failed");
    let status = pods::container(&c, "p", "app");
    let terminated = status.state.and_then(|s| s.terminated).expect("terminated");
    assert_eq!(terminated.exit_code, 3);

    // Without standard input the same shell reads nothing and is done at once.
    let done = spec("app", "busybox", json!({"command": ["sh"]}));
    pods::create(
        &mut c,
        "q",
        json!({"containers": [done], "restartPolicy": "Never"}),
    );
    c.run_for(10_000);
    assert_eq!(pods::phase(&c, "q"), "Succeeded");
}

#[test]
fn attaching_to_a_server_streams_what_it_prints_from_then_on() {
    let mut c = Cluster::new();
    let web = spec(
        "app",
        "nginx:1.27",
        json!({"readinessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 1}}),
    );
    pods::create(&mut c, "p", json!({"containers": [web]}));
    c.run_for(5_000);
    let attached = c.engine.attach(&TARGET).expect("attached");
    assert!(attached.shell.is_none(), "nginx reads no input");
    assert!(!attached.tty);
    let before = c.engine.attached_output(&attached, attached.since);
    assert_eq!(before, Some(Vec::new()), "only what comes after attaching");
    c.run_for(3_000);
    let lines = c
        .engine
        .attached_output(&attached, attached.since)
        .expect("still running");
    assert!(lines.len() >= 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|(_, l)| l.contains("\"GET / HTTP/1.1\" 200")),
        "{lines:?}"
    );
    c.engine
        .delete::<engine::k8s_openapi::api::core::v1::Pod>("default", "p", Some(0))
        .expect("delete");
    assert_eq!(c.engine.attached_output(&attached, attached.since), None);
}
