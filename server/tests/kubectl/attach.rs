//! `kubectl attach` and `kubectl run -i`/`-it`, which attach to the pod they create:
//! typed lines reach the container's shell, its `exit` ends the container with that
//! code, and upstream's refusals.

use std::io::Write;
use std::process::Stdio;

use super::exec::in_terminal;
use crate::common::kubectl::Kubectl;

#[test]
fn run_it_attaches_to_the_shell_and_its_exit_code_ends_the_pod() {
    let k = Kubectl::start();
    let screen = in_terminal(
        &k,
        "run -it attached --image=busybox --restart=Never -- sh",
        b"echo typed-$HOSTNAME\rexit 5\r",
    );
    assert!(screen.contains("typed-attached"), "{screen}");
    assert!(
        screen.contains("pod default/attached terminated (Error)"),
        "{screen}"
    );
    let code = k.ok(&[
        "get",
        "pod",
        "attached",
        "-o",
        "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}",
    ]);
    assert_eq!(code, "5");
}

#[test]
fn run_i_gives_the_shell_its_standard_input_and_removes_the_pod() {
    let k = Kubectl::start();
    let mut child = k
        .command(&[
            "run",
            "-i",
            "--rm",
            "piped",
            "--image=busybox",
            "--restart=Never",
            "--",
            "sh",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubectl runs");
    child
        .stdin
        .take()
        .expect("its stdin")
        .write_all(b"echo from-stdin\nuname\n")
        .expect("written");
    let output = child.wait_with_output().expect("kubectl ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("from-stdin\nLinux\n"), "{stdout}");
    assert!(stdout.contains("pod \"piped\" deleted"), "{stdout}");
}

#[test]
fn attaching_to_a_pod_that_is_not_there_is_upstreams_not_found() {
    let k = Kubectl::start();
    let gone = k.run(&["attach", "no-such-pod"]);
    assert_eq!(
        gone.stderr.trim(),
        "Error from server (NotFound): pods \"no-such-pod\" not found"
    );
}

#[test]
fn attach_streams_the_output_and_ends_when_the_process_does() {
    let k = Kubectl::start();
    k.ok(&[
        "run",
        "ends",
        "--image=busybox",
        "--restart=Never",
        "--",
        "sh",
        "-c",
        // Long enough for kubectl to attach first on a busy machine.
        "sleep 8; echo done-now; sleep 1",
    ]);
    k.ok(&[
        "wait",
        "--for=jsonpath={.status.phase}=Running",
        "pod/ends",
        "--timeout=60s",
    ]);
    let attached = k.run(&["attach", "ends"]);
    assert!(attached.ok, "{}", attached.stderr);
    assert!(attached.stdout.contains("done-now"), "{}", attached.stdout);
}
