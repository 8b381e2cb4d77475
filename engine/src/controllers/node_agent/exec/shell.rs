//! The shell of `kubectl exec`: a command, or the lines of an interactive `sh`, run
//! over the container's [`World`] with pipes, `&&`/`||`, redirections and `$VAR`s.

use std::collections::BTreeMap;

use k8s_openapi::jiff::SignedDuration;

use super::super::script::{self, Link, Node};
use super::layer::Snapshot;
use super::redirects::Redirects;
use super::world::World;

/// Most rounds a loop runs in an exec'd shell, which has no time to wait in.
const MAX_ROUNDS: usize = 100;

/// The PID `kubectl exec`'s process gets: after the container's own.
const SHELL_PID: u32 = 7;

/// What a command printed and how it ended.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Its standard output.
    pub stdout: Vec<u8>,
    /// Its standard error.
    pub stderr: Vec<u8>,
    /// Its exit code (of the last command, for a line of an interactive shell).
    pub code: i32,
    /// The shell exited (`exit`): an interactive session ends with `code`.
    pub ended: bool,
}

/// Which run of which container a session is in.
#[derive(Debug, Clone)]
pub(in super::super) struct Origin {
    pub namespace: String,
    pub pod: String,
    pub uid: String,
    pub container: String,
    pub container_id: String,
}

/// A shell in a running simulated container. Files it writes are kept in the
/// container's writable layer once the engine is given them back (`Engine::keep`).
#[derive(Debug, Clone)]
pub struct ExecSession {
    pub(super) world: World,
    /// The world as last kept: what the session wrote since is the difference.
    base: Snapshot,
    /// Where it runs; `None` for a probe's or hook's session.
    pub(super) origin: Option<Origin>,
    /// Every shell variable; the exported ones are the environment.
    pub(super) vars: BTreeMap<String, (String, bool)>,
    pub(super) cwd: String,
    pub(super) status: i32,
    /// How long its `sleep`s would have taken.
    pub(super) slept: SignedDuration,
    ended: bool,
}

/// Where a command's output goes.
#[derive(Default)]
pub(super) struct Streams {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
}

impl Streams {
    /// Prints a line to standard output.
    pub(super) fn say(&mut self, line: impl AsRef<str>) {
        self.out.extend_from_slice(line.as_ref().as_bytes());
        self.out.push(b'\n');
    }

    /// Prints a line to standard error.
    pub(super) fn complain(&mut self, line: impl AsRef<str>) {
        self.err.extend_from_slice(line.as_ref().as_bytes());
        self.err.push(b'\n');
    }
}

impl ExecSession {
    pub(super) fn new(world: World, env: Vec<(String, String)>, terminal: bool) -> Self {
        let home = if world.uid == 0 { "/root" } else { "/" };
        let mut vars: BTreeMap<String, (String, bool)> = [
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("HOSTNAME", world.hostname.as_str()),
            ("HOME", home),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), (v.to_owned(), true)))
        .collect();
        if terminal {
            vars.insert("TERM".to_owned(), ("xterm".to_owned(), true));
        }
        for (name, value) in env {
            vars.insert(name, (value, true));
        }
        ExecSession {
            base: Snapshot::of(&world),
            origin: None,
            world,
            vars,
            cwd: "/".to_owned(),
            status: 0,
            slept: SignedDuration::ZERO,
            ended: false,
        }
    }

    /// Whether it wrote anything since it began or was last kept.
    pub fn wrote(&self) -> bool {
        self.base.differs(&self.world)
    }

    /// What it wrote since it began or since the last call.
    pub(super) fn take_changes(&mut self) -> super::Layer {
        let changes = super::Layer::between(&self.base, &self.world);
        self.base = Snapshot::of(&self.world);
        changes
    }

    /// Whether `argv` starts an interactive shell (a shell with no `-c` script), which
    /// reads its commands from standard input.
    pub fn is_interactive(argv: &[String]) -> bool {
        is_shell(argv.first().map(String::as_str).unwrap_or_default())
            && !argv.iter().any(|a| a == "-c")
    }

    /// The prompt an interactive shell shows: dash's `# ` (`$ ` for others), or
    /// busybox's with the working directory (`/tmp # `).
    pub fn prompt(&self) -> String {
        let sign = if self.world.uid == 0 { "#" } else { "$" };
        match self.world.busybox {
            true => format!("{} {sign} ", self.cwd),
            false => format!("{sign} "),
        }
    }

    /// Runs `argv` as `kubectl exec … -- argv` does, with `stdin` as its input.
    pub fn command(&mut self, argv: &[String], stdin: &[u8]) -> Outcome {
        let mut streams = Streams::default();
        if Self::is_interactive(argv) {
            // A shell given its commands on standard input (`kubectl exec -i … -- sh < f`).
            let script = String::from_utf8_lossy(stdin).into_owned();
            self.script(&script, &[], &mut streams);
        } else {
            self.status = self.program(argv.to_vec(), stdin, &mut streams);
        }
        self.outcome(streams)
    }

    /// Runs one line typed into an interactive shell.
    pub fn line(&mut self, line: &str) -> Outcome {
        let mut streams = Streams::default();
        self.script(line, &[], &mut streams);
        self.outcome(streams)
    }

    fn outcome(&mut self, streams: Streams) -> Outcome {
        Outcome {
            stdout: streams.out,
            stderr: streams.err,
            code: self.status,
            ended: self.ended,
        }
    }

    /// Runs a script (a `-c` argument, or typed lines).
    pub(super) fn script(&mut self, text: &str, stdin: &[u8], out: &mut Streams) {
        let items = script::parse(text);
        self.list(&items, stdin, out);
    }

    /// Ends the shell with `code`.
    pub(super) fn exit(&mut self, code: i32) {
        self.status = code & 0xff;
        self.ended = true;
    }

    fn list(&mut self, items: &[(Link, Node)], stdin: &[u8], out: &mut Streams) {
        let mut at = 0;
        while at < items.len() && !self.ended {
            let link = items[at].0;
            let end = at
                + 1
                + items[at + 1..]
                    .iter()
                    .take_while(|(l, _)| *l == Link::Pipe)
                    .count();
            let skip = match link {
                Link::And => self.status != 0,
                Link::Or => self.status == 0,
                Link::Then | Link::Pipe => false,
            };
            if !skip {
                self.pipeline(&items[at..end], stdin, out);
            }
            at = end;
        }
    }

    /// Commands joined by `|`: each reads what the one before printed.
    fn pipeline(&mut self, items: &[(Link, Node)], stdin: &[u8], out: &mut Streams) {
        let mut input = stdin.to_vec();
        for (index, (_, node)) in items.iter().enumerate() {
            if index + 1 == items.len() {
                self.node(node, &input, out);
            } else {
                let mut piped = Streams::default();
                self.node(node, &input, &mut piped);
                out.err.append(&mut piped.err);
                input = piped.out;
            }
        }
    }

    fn node(&mut self, node: &Node, stdin: &[u8], out: &mut Streams) {
        match node {
            Node::Simple(words) => {
                let words: Vec<String> = words.iter().map(|w| self.expand(w)).collect();
                self.status = self.simple(words, stdin, out);
            }
            Node::Group(body) => self.list(body, stdin, out),
            Node::If {
                test,
                then,
                otherwise,
            } => {
                self.list(test, stdin, out);
                if self.ended {
                    return;
                }
                let branch = if self.status == 0 { then } else { otherwise };
                self.list(branch, stdin, out);
            }
            Node::Loop { until, test, body } => {
                for _ in 0..MAX_ROUNDS {
                    self.list(test, stdin, out);
                    if self.ended || (self.status == 0) == *until {
                        self.status = 0;
                        return;
                    }
                    self.list(body, stdin, out);
                    if self.ended {
                        return;
                    }
                }
            }
        }
    }

    fn expand(&self, word: &str) -> String {
        let word = match word.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                format!("{}{rest}", self.var("HOME").unwrap_or_default())
            }
            _ => word.to_owned(),
        };
        script::expand(&word, |name| match name {
            "?" => Some(self.status.to_string()),
            "$" => Some(SHELL_PID.to_string()),
            name => self.var(name),
        })
    }

    /// A shell variable's value.
    pub(super) fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).map(|(v, _)| v.clone())
    }

    /// Assignments, redirections, then the program; answers its exit code.
    fn simple(&mut self, words: Vec<String>, stdin: &[u8], out: &mut Streams) -> i32 {
        let Some(redirected) = Redirects::take(words) else {
            out.complain("sh: 1: Syntax error: newline unexpected");
            return 2;
        };
        let mut words = redirected.words.clone();
        let assignments = words
            .iter()
            .take_while(|w| w.contains('=') && !w.starts_with('='))
            .count();
        for assignment in words.drain(..assignments) {
            if let Some((name, value)) = assignment.split_once('=') {
                let exported = self.vars.get(name).is_some_and(|(_, e)| *e);
                self.vars
                    .insert(name.to_owned(), (value.to_owned(), exported));
            }
        }
        if words.is_empty() {
            return 0;
        }
        let input = match &redirected.stdin {
            Some(path) => match self.world.files.get(&self.path(path)) {
                Some(content) => content.clone(),
                None => {
                    out.complain(format!("sh: 1: cannot open {path}: No such file"));
                    return 2;
                }
            },
            None => stdin.to_vec(),
        };
        let mut own = Streams::default();
        let code = self.program(words, &input, &mut own);
        redirected.deliver(self, own, out);
        code
    }

    /// An absolute, normalised path for `path` as given from the working directory.
    pub(super) fn path(&self, path: &str) -> String {
        let joined = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("{}/{path}", self.cwd)
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        format!("/{}", parts.join("/"))
    }
}

/// Whether `program` is a shell.
pub(super) fn is_shell(program: &str) -> bool {
    matches!(
        program.rsplit('/').next().unwrap_or(program),
        "sh" | "bash" | "ash" | "dash"
    )
}
