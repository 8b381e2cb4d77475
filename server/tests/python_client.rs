//! The official Kubernetes Python client (PyPI's `kubernetes`, installed into
//! `tools/venv` by `make test`'s setup) creates, lists, watches and execs through Berth's API:
//! [`python/client.py`] against a server started here.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::kubectl::Kubectl;

fn python() -> PathBuf {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/venv/bin/python");
    let installed = Command::new(&python)
        .args(["-c", "import kubernetes"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        installed,
        "{} with the `kubernetes` package is missing: run `make setup-test` (part of `make test`)",
        python.display()
    );
    python
}

#[test]
fn python_client_creates_lists_and_watches() {
    let python = python();
    let server = Kubectl::start();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/client.py");
    let output = Command::new(python)
        .arg(script)
        .arg(&server.url)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "client.py failed:\n{stdout}\n{stderr}"
    );
    assert_eq!(
        stdout.trim(),
        "deployment=py-web pods_running=2 exec_exit=4"
    );
}
