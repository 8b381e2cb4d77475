//! Simulated container logs: a ring buffer of lines per container run (the current one
//! and the one before, as `kubectl logs --previous` reads), filled with what the image
//! prints — startup notices, one access-log line per HTTP probe it answers, a shell's
//! `echo`s, a crash's panic.

use std::collections::VecDeque;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use k8s_openapi::jiff::Timestamp;
use rules::catalog::{Behaviour, Image};

use super::NodeAgent;
use crate::store::Store;
use crate::Error;

/// Lines kept per container run.
pub(super) const MAX_LINES: usize = 1000;

/// Lines kept for sharing: a line equal to one of the last this many distinct lines
/// printed shares its text.
const SHARED_LINES: usize = 16;

type Lines = VecDeque<(Timestamp, Arc<str>)>;

#[derive(Debug, Default)]
struct History {
    current: Option<Lines>,
    previous: Option<Lines>,
}

/// The logs of every container the node runs, by pod uid and container name.
#[derive(Debug, Default)]
pub(super) struct Logs {
    /// A pod's few containers in a list: a map per pod held 370 bytes for one.
    pods: HashMap<String, Vec<(String, History)>>,
    /// The last distinct lines printed: the pods of a burst print the same startup
    /// notices in the same second, and keep them once between them.
    recent: VecDeque<Arc<str>>,
}

/// The history of the container `name` among a pod's.
fn of<'a>(containers: &'a [(String, History)], name: &str) -> Option<&'a History> {
    containers.iter().find(|(n, _)| n == name).map(|(_, h)| h)
}

impl Logs {
    /// A new run of a container: its log starts empty, the last one becomes previous.
    pub(super) fn begin(&mut self, uid: &str, container: &str) {
        let history = self.history(uid, container);
        if let Some(current) = history.current.take() {
            history.previous = Some(current);
        }
        history.current = Some(Lines::new());
    }

    /// Adds a line to the current run's log at `at` (which may be ahead of now: a
    /// script's later `echo`s are written when it starts and read once due).
    pub(super) fn push(&mut self, uid: &str, container: &str, at: Timestamp, line: String) {
        let line = self.shared(line);
        let lines = self.history(uid, container).current.get_or_insert_default();
        lines.push_back((at, line));
        if lines.len() > MAX_LINES {
            lines.pop_front();
        }
    }

    /// `line`'s text, shared with an equal line printed shortly before.
    fn shared(&mut self, line: String) -> Arc<str> {
        if let Some(text) = self.recent.iter().find(|t| ***t == *line) {
            return Arc::clone(text);
        }
        let text: Arc<str> = line.into();
        if self.recent.len() == SHARED_LINES {
            self.recent.pop_front();
        }
        self.recent.push_back(Arc::clone(&text));
        text
    }

    /// The run ended at `at`: lines it would have printed later never come.
    pub(super) fn cut(&mut self, uid: &str, container: &str, at: Timestamp) {
        if let Some(lines) = self.history(uid, container).current.as_mut() {
            lines.retain(|(t, _)| *t <= at);
        }
    }

    /// The current run's lines written after `after`, by `now`.
    pub(super) fn between(
        &self,
        uid: &str,
        container: &str,
        after: Timestamp,
        now: Timestamp,
    ) -> Vec<(Timestamp, String)> {
        let current = self
            .pods
            .get(uid)
            .and_then(|h| of(h, container)?.current.as_ref());
        current
            .into_iter()
            .flatten()
            .filter(|(t, _)| *t > after && *t <= now)
            .map(|(t, line)| (*t, line.to_string()))
            .collect()
    }

    /// Drops the logs of a pod that is gone.
    pub(super) fn forget(&mut self, uid: &str) {
        self.pods.remove(uid);
    }

    /// Keeps only the pods in `keep`.
    pub(super) fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.pods.retain(|uid, _| keep(uid));
    }

    fn history(&mut self, uid: &str, container: &str) -> &mut History {
        let containers = self.pods.entry(uid.to_owned()).or_default();
        let at = match containers.iter().position(|(n, _)| n == container) {
            Some(at) => at,
            None => {
                // Most pods have one container: a push alone would make room for four.
                containers.reserve_exact(1);
                containers.push((container.to_owned(), History::default()));
                containers.len() - 1
            }
        };
        &mut containers[at].1
    }
}

/// What to read: `kubectl logs` options.
pub(crate) struct LogQuery<'a> {
    /// The pod's namespace.
    pub namespace: &'a str,
    /// The pod.
    pub pod: &'a str,
    /// The container; `None` for a pod's only container.
    pub container: Option<&'a str>,
    /// The run before the current one (`--previous`).
    pub previous: bool,
    /// At most this many last lines (`--tail`).
    pub tail: Option<usize>,
    /// Only lines from this time on (`--since`, `--since-time`).
    pub since: Option<Timestamp>,
}

impl NodeAgent {
    /// A container's log lines with the times they were written, oldest first, or the
    /// error the API answers with (upstream's words).
    pub(crate) fn read_logs(
        &self,
        store: &Store,
        now: Timestamp,
        q: &LogQuery,
    ) -> Result<Vec<(Timestamp, String)>, Error> {
        let pod = super::named::pod(store, q.namespace, q.pod)?;
        let invalid = |message: String| super::named::invalid(q.pod, message);
        let name = super::named::container(&pod, q.container)?;
        let name = name.as_str();
        let uid = pod.metadata.uid.as_deref().unwrap_or_default();
        let history = self.logs.pods.get(uid).and_then(|h| of(h, name));
        let run = self
            .runs
            .get(uid)
            .and_then(|r| r.main.iter().chain(r.init.iter()).find(|c| c.name == name));
        let running = run.is_some_and(|c| c.run().is_some());
        let lines = match (q.previous, history) {
            (
                false,
                Some(History {
                    current: Some(lines),
                    ..
                }),
            ) => lines,
            // Not running: the last run is the one `lastState` names.
            (
                true,
                Some(History {
                    current: Some(lines),
                    ..
                }),
            ) if !running => lines,
            (
                true,
                Some(History {
                    previous: Some(lines),
                    ..
                }),
            ) => lines,
            (true, _) => {
                return Err(invalid(format!(
                    "previous terminated container \"{name}\" in pod \"{}\" not found",
                    q.pod
                )))
            }
            (false, _) => {
                let reason = run
                    .and_then(|c| match &c.state {
                        super::container::State::Waiting { reason, .. } => Some(reason.as_str()),
                        _ => None,
                    })
                    .unwrap_or("ContainerCreating");
                let reason = match reason {
                    "ErrImagePull" | "ImagePullBackOff" => "image can't be pulled",
                    other => other,
                };
                return Err(invalid(format!(
                    "container \"{name}\" in pod \"{}\" is waiting to start: {reason}",
                    q.pod
                )));
            }
        };
        let shown: Vec<(Timestamp, String)> = lines
            .iter()
            .filter(|(t, _)| *t <= now && q.since.is_none_or(|s| *t >= s))
            .map(|(t, line)| (*t, line.to_string()))
            .collect();
        let skip = q.tail.map_or(0, |n| shown.len().saturating_sub(n));
        Ok(shown.into_iter().skip(skip).collect())
    }
}

fn version(tag: &str, default: &'static str) -> String {
    if tag.starts_with(|c: char| c.is_ascii_digit()) && !tag.contains('-') {
        tag.to_owned()
    } else {
        default.to_owned()
    }
}

/// What an image prints when it starts.
pub(super) fn startup(image: &Image, tag: &str, at: Timestamp, pod_ip: &str) -> Vec<String> {
    let date = at.strftime("%Y/%m/%d %H:%M:%S").to_string();
    let short = image.name.rsplit('/').next().unwrap_or(image.name);
    match short {
        "nginx" => [
            "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration".to_owned(),
            "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/".to_owned(),
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh".to_owned(),
            "/docker-entrypoint.sh: Configuration complete; ready for start up".to_owned(),
            format!("{date} [notice] 1#1: using the \"epoll\" event method"),
            format!("{date} [notice] 1#1: nginx/{}", version(tag, "1.29.1")),
            format!("{date} [notice] 1#1: start worker processes"),
        ]
        .to_vec(),
        "httpd" => {
            let stamp = at.strftime("%a %b %d %H:%M:%S.000000 %Y");
            vec![
                format!("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {pod_ip}. Set the 'ServerName' directive globally to suppress this message"),
                format!("[{stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{} (Unix) configured -- resuming normal operations", version(tag, "2.4.65")),
                format!("[{stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'"),
            ]
        }
        "redis" => {
            let stamp = at.strftime("%d %b %Y %H:%M:%S.000");
            vec![
                format!("1:C {stamp} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"),
                format!("1:M {stamp} * Server initialized"),
                format!("1:M {stamp} * Ready to accept connections tcp"),
            ]
        }
        "mysql" => vec![
            format!("{date} [Note] [Entrypoint]: Entrypoint script for MySQL Server {} started.", version(tag, "9.4.0")),
            "[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. port: 3306  MySQL Community Server - GPL.".to_owned(),
        ],
        "postgres" => vec![
            "PostgreSQL init process complete; ready for start up.".to_owned(),
            format!("{date} UTC [1] LOG:  database system is ready to accept connections"),
        ],
        "tomcat" => vec![format!(
            "{date} INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [{}] milliseconds",
            image.start_ms
        )],
        _ => match image.behaviour {
            Behaviour::Shell | Behaviour::Tcp => Vec::new(),
            Behaviour::NeverReady => vec!["starting: warming caches…".to_owned()],
            Behaviour::Batch { .. } => vec![format!("{date} starting batch run")],
            _ => image
                .ports
                .iter()
                .map(|p| format!("listening on :{p}"))
                .collect(),
        },
    }
}

/// What an image prints when a port it binds is taken.
pub(super) fn bind_failed(image: Option<&Image>, port: u16, at: Timestamp) -> Vec<String> {
    match image.map(|i| i.name) {
        Some("nginx") => {
            let date = at.strftime("%Y/%m/%d %H:%M:%S");
            vec![
                format!("{date} [emerg] 1#1: bind() to 0.0.0.0:{port} failed (98: Address already in use)"),
                format!("nginx: [emerg] bind() to 0.0.0.0:{port} failed (98: Address already in use)"),
            ]
        }
        _ => vec![format!("listen tcp :{port}: bind: address already in use")],
    }
}

/// What an image prints when it exits for want of an environment variable.
pub(super) fn missing_env(image: &Image) -> Vec<String> {
    let mut lines = vec![match image.name {
        "postgres" => {
            "Error: Database is uninitialized and superuser password is not specified.".to_owned()
        }
        _ => "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"
            .to_owned(),
    }];
    lines.push(
        "    You need to specify one of the following as an environment variable:".to_owned(),
    );
    lines.extend(image.needs_env.iter().map(|v| format!("    - {v}")));
    lines
}

/// What a crashing image prints as it dies.
/// What a batch image prints as it exits with `code`.
pub(super) fn batch_end(code: i32) -> Vec<String> {
    if code == 0 {
        vec!["batch run finished: all records processed".to_owned()]
    } else {
        vec![format!(
            "error: batch run failed: upstream source unavailable (exit {code})"
        )]
    }
}

pub(super) fn crash() -> Vec<String> {
    vec![
        "panic: runtime error: invalid memory address or nil pointer dereference".to_owned(),
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a8f2e]".to_owned(),
    ]
}

/// The access-log line a web image writes for a request from `client`.
pub(super) fn access(
    image: Option<&Image>,
    client: &str,
    path: &str,
    status: u16,
    at: Timestamp,
) -> Option<String> {
    let stamp = at.strftime("%d/%b/%Y:%H:%M:%S +0000");
    match image.map(|i| i.name) {
        Some("nginx") => Some(format!(
            "{client} - - [{stamp}] \"GET {path} HTTP/1.1\" {status} 615 \"-\" \"kube-probe/1.32\" \"-\""
        )),
        Some("httpd") => Some(format!("{client} - - [{stamp}] \"GET {path} HTTP/1.1\" {status} 45")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current<'a>(logs: &'a Logs, uid: &str) -> &'a Lines {
        let containers = logs.pods.get(uid).expect("the pod's logs");
        of(containers, "app")
            .and_then(|h| h.current.as_ref())
            .expect("a current run")
    }

    #[test]
    fn pods_printing_the_same_line_keep_its_text_once() {
        let mut logs = Logs::default();
        let at = Timestamp::UNIX_EPOCH;
        for uid in ["a", "b"] {
            logs.begin(uid, "app");
            logs.push(uid, "app", at, "start worker processes".to_owned());
            logs.push(uid, "app", at, format!("ready: {uid}"));
        }
        let (a, b) = (current(&logs, "a"), current(&logs, "b"));
        assert!(Arc::ptr_eq(&a[0].1, &b[0].1), "the shared line is one text");
        assert!(!Arc::ptr_eq(&a[1].1, &b[1].1));
        let read = logs.between(
            "b",
            "app",
            at - k8s_openapi::jiff::SignedDuration::from_secs(1),
            at,
        );
        assert_eq!(
            read,
            [
                (at, "start worker processes".to_owned()),
                (at, "ready: b".to_owned())
            ]
        );
    }
}
