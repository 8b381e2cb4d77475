//! A Berth API server on a free loopback port, in real time, and the real `kubectl`
//! (`$KUBECTL`, else `kubectl` on the PATH) pointed at it through a kubeconfig in a
//! temporary folder.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use server::cluster::Cluster;
use tempfile::TempDir;

/// How long one kubectl command may take before the test gives up on it.
const COMMAND_LIMIT: Duration = Duration::from_secs(90);

/// A server with the demo cluster, and a kubeconfig for it.
pub struct Kubectl {
    dir: TempDir,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
}

/// What a kubectl command printed, and whether it succeeded.
#[derive(Debug)]
pub struct Run {
    /// Exit status 0.
    pub ok: bool,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// The output, failing the test with both streams when the command failed.
    pub fn out(self) -> String {
        assert!(self.ok, "kubectl failed: {}\n{}", self.stderr, self.stdout);
        self.stdout
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            ok: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Serves the API over the demo cluster (real clock) on its own runtime and thread,
/// answering the server's URL.
fn serve() -> String {
    let cluster = Cluster::with_demo(true).expect("demo data");
    tokio_thread(cluster.clone().drive());
    serve_router(server::api::router(cluster))
}

/// Runs `work` on a runtime of its own, on a thread of its own.
pub fn tokio_thread(work: impl std::future::Future<Output = ()> + Send + 'static) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(work)
    });
}

/// Serves `router` on a free loopback port (on a thread of its own); answers its URL.
pub fn serve_router(router: axum::Router) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("its address");
    listener.set_nonblocking(true).expect("non-blocking");
    tokio_thread(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

/// Serves `router` over HTTPS (a self-signed certificate for 127.0.0.1) on a free
/// loopback port; answers its URL. kubectl sends tokens only over TLS.
pub fn serve_router_tls(router: axum::Router) -> String {
    let key = rcgen::KeyPair::generate().expect("a key");
    let cert = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .expect("params")
        .self_signed(&key)
        .expect("a certificate");
    let (cert, key) = (cert.pem(), key.serialize_pem());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("its address");
    tokio_thread(async move {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config =
            axum_server::tls_rustls::RustlsConfig::from_pem(cert.into_bytes(), key.into_bytes())
                .await
                .expect("TLS config");
        let _ = axum_server::from_tcp_rustls(listener, config)
            .serve(router.into_make_service())
            .await;
    });
    format!("https://{addr}")
}

impl Kubectl {
    /// A fresh server and kubeconfig (namespace `default`).
    pub fn start() -> Kubectl {
        Kubectl::at(serve())
    }

    /// A kubeconfig for the server at `url` (namespace `default`).
    pub fn at(url: String) -> Kubectl {
        Kubectl::at_as(url, None)
    }

    /// A kubeconfig for the server at `url` whose user sends `token`.
    pub fn at_as(url: String, token: Option<&str>) -> Kubectl {
        let user = token.map_or("{}".to_owned(), |t| format!("{{token: {t}}}"));
        // The test's own self-signed certificate.
        let tls = if url.starts_with("https:") {
            "\n    insecure-skip-tls-verify: true"
        } else {
            ""
        };
        let dir = tempfile::tempdir().expect("a temporary folder");
        let config = format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: berth\n  cluster:\n    server: {url}{tls}\n\
             contexts:\n- name: berth\n  context:\n    cluster: berth\n    user: berth\n    namespace: default\n\
             current-context: berth\nusers:\n- name: berth\n  user: {user}\n"
        );
        std::fs::write(dir.path().join("config"), config).expect("kubeconfig");
        Kubectl { dir, url }
    }

    /// A file in the temporary folder, written with `text`.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("a file");
        path
    }

    /// `kubectl <args>`, set up for this server.
    pub fn command(&self, args: &[&str]) -> Command {
        let binary = std::env::var("KUBECTL").unwrap_or_else(|_| "kubectl".to_owned());
        let mut command = Command::new(binary);
        command
            .args(args)
            .env("KUBECONFIG", self.dir.path().join("config"))
            // Discovery and OpenAPI caches go here, not in the user's home.
            .env("HOME", self.dir.path())
            .env("KUBECACHEDIR", self.dir.path().join("cache"))
            .stdin(Stdio::null());
        command
    }

    /// Runs `kubectl <args>` to the end (at most [`COMMAND_LIMIT`]).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_input(args, None)
    }

    /// Runs `kubectl <args>` with `input` as its standard input, to the end.
    pub fn run_with_input(&self, args: &[&str], input: Option<&[u8]>) -> Run {
        let mut command = self.command(args);
        if input.is_some() {
            command.stdin(Stdio::piped());
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kubectl runs (is it installed? set $KUBECTL)");
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            std::io::Write::write_all(&mut stdin, input).expect("kubectl's input");
        }
        let (done, result) = mpsc::channel();
        std::thread::spawn(move || done.send(child.wait_with_output()));
        match result.recv_timeout(COMMAND_LIMIT) {
            Ok(output) => Run::from(output.expect("kubectl's output")),
            Err(_) => panic!("kubectl {args:?} did not finish in {COMMAND_LIMIT:?}"),
        }
    }

    /// Runs `kubectl <args>` and answers its output, failing the test if it fails.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).out()
    }

    /// Runs `kubectl <args>` until `check` accepts its output, for at most `limit`;
    /// answers the accepted output.
    pub fn until(&self, args: &[&str], limit: Duration, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let run = self.run(args);
            if run.ok && check(&run.stdout) {
                return run.stdout;
            }
            assert!(
                Instant::now() < deadline,
                "kubectl {args:?} never gave what was expected; last:\n{}{}",
                run.stdout,
                run.stderr
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Starts a long-running `kubectl <args>` (a watch), its output lines sent to the
    /// answered receiver as they come.
    pub fn stream(&self, args: &[&str]) -> Stream {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("kubectl runs");
        let stdout = child.stdout.take().expect("stdout");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Stream { child, lines }
    }
}

/// A running kubectl and its output lines.
pub struct Stream {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Stream {
    /// Waits (at most `limit`) for a line `check` accepts; answers it.
    pub fn line(&self, limit: Duration, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if check(&line) => return line,
                Ok(_) => {}
                Err(e) => panic!("no expected line from the watch: {e}"),
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // The watch runs until stopped; the test is done with it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
