//! `kubectl exec` over the WebSocket protocol (v5): a command's output and its exit
//! code, files that last from one exec to the next, standard input to its end, a shell's view of the pod, and upstream's
//! refusals (a container the pod lacks, a pod that is not there).

use std::io::Write;
use std::process::Stdio;

use crate::common::kubectl::Kubectl;
use crate::kubectl::SETTLE;

/// A running pod of the demo's `nginx-demo`.
fn running_pod(k: &Kubectl) -> String {
    let names = k.until(
        &[
            "get",
            "pods",
            "-l",
            "app=nginx-demo",
            "--field-selector=status.phase=Running",
            "-o",
            "name",
        ],
        SETTLE,
        |out| !out.trim().is_empty(),
    );
    names.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn a_command_prints_and_its_exit_code_is_kubectls() {
    let k = Kubectl::start();
    let pod = running_pod(&k);
    let short = pod.trim_start_matches("pod/");
    assert_eq!(
        k.ok(&["exec", &pod, "--", "hostname"]),
        format!("{short}\n")
    );
    assert_eq!(
        k.ok(&["exec", &pod, "--", "ls", "/usr/share/nginx/html"]),
        "50x.html\nindex.html\n"
    );
    // What one exec writes, the next finds: the container's file system lasts.
    k.ok(&["exec", &pod, "--", "sh", "-c", "echo kept > /tmp/note"]);
    assert_eq!(k.ok(&["exec", &pod, "--", "cat", "/tmp/note"]), "kept\n");
    let failed = k.run(&[
        "exec",
        &pod,
        "--",
        "sh",
        "-c",
        "echo out; echo err >&2; exit 3",
    ]);
    assert!(!failed.ok);
    assert_eq!(failed.stdout, "out\n");
    assert!(failed.stderr.contains("err\n"), "{}", failed.stderr);
    assert!(
        failed
            .stderr
            .contains("command terminated with exit code 3"),
        "{}",
        failed.stderr
    );
    let missing = k.run(&["exec", &pod, "--", "kubectl-inside"]);
    assert!(
        missing.stderr.contains("sh: 1: kubectl-inside: not found"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stderr.contains("exit code 127"),
        "{}",
        missing.stderr
    );
}

#[test]
fn standard_input_reaches_the_command_to_its_end() {
    let k = Kubectl::start();
    let pod = running_pod(&k);
    let run = k.run_with_input(
        &["exec", "-i", &pod, "--", "sh"],
        Some(b"cd /etc\npwd\nenv | grep -c HOSTNAME\n"),
    );
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(run.stdout, "/etc\n1\n");
}

#[test]
fn refusals_are_upstreams() {
    let k = Kubectl::start();
    let pod = running_pod(&k);
    let wrong = k.run(&["exec", &pod, "-c", "nope", "--", "ls"]);
    let short = pod.trim_start_matches("pod/");
    assert_eq!(
        wrong.stderr.trim(),
        format!("Error from server (BadRequest): container nope is not valid for pod {short}")
    );
    let gone = k.run(&["exec", "no-such-pod", "--", "ls"]);
    assert_eq!(
        gone.stderr.trim(),
        "Error from server (NotFound): pods \"no-such-pod\" not found"
    );
}

/// Runs `kubectl <args>` in a pseudo-terminal (`script`, from util-linux), as `-t`
/// needs, typing `typed`: the screen, once kubectl has ended (within 90 s).
pub fn in_terminal(k: &Kubectl, args: &str, typed: &[u8]) -> String {
    let kubectl = std::env::var("KUBECTL").unwrap_or_else(|_| "kubectl".to_owned());
    let mut command = std::process::Command::new("script");
    command.args(["-qec", &format!("{kubectl} {args}"), "/dev/null"]);
    for (key, value) in k.command(&[]).get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script runs");
    let mut stdin = child.stdin.take().expect("its stdin");
    stdin.write_all(typed).expect("typed");
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    let output = result
        .recv_timeout(std::time::Duration::from_secs(90))
        .expect("kubectl ends")
        .expect("its output");
    drop(stdin);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn exec_it_gets_a_terminal_with_a_prompt_and_the_shells_exit_code() {
    let k = Kubectl::start();
    let pod = running_pod(&k);
    let screen = in_terminal(
        &k,
        &format!("exec -it {pod} -- sh"),
        b"echo typed-$HOSTNAME\rexit 4\r",
    );
    let short = pod.trim_start_matches("pod/");
    assert!(screen.contains("# "), "a prompt: {screen}");
    assert!(screen.contains(&format!("typed-{short}")), "{screen}");
    assert!(
        screen.contains("command terminated with exit code 4"),
        "{screen}"
    );
}
