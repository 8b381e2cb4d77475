//! What a shell image's process does with its command: a small shell that knows time
//! (`sleep`), output (`echo`), files (`touch`, `rm`, `cat`, `test`) and its end (`exit`,
//! `false`, the end of the script), so the Kubernetes documentation's examples behave:
//! `sleep 3600` runs an hour, `sh -c 'exit 1'` fails, `touch /tmp/healthy; sleep 30;
//! rm /tmp/healthy` makes `cat /tmp/healthy` fail after 30 s.
//!
//! Rules, kept simple on purpose: a command it does not know succeeds at once; a
//! `while`/`until` loop runs at most [`MAX_ITERATIONS`] times, and one that neither
//! ends nor sleeps runs for ever; `for` runs its body once; `$VAR` expands from the
//! container's environment and the script's assignments, `$(…)` stays as written.

use std::collections::HashMap;

use k8s_openapi::jiff::SignedDuration;

use super::script::{self, Link, Node};

/// Most rounds a loop runs before it counts as running for ever.
pub(super) const MAX_ITERATIONS: usize = 1000;

/// What a process does over time, from its start.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Plan {
    /// Lines it prints, at their offsets from the start; moved into the container's log
    /// when it starts.
    pub lines: Vec<(SignedDuration, String)>,
    /// Files it creates (`true`) or removes (`false`), at their offsets.
    pub files: Vec<(SignedDuration, String, bool)>,
    /// When it exits and with which code; `None` while it runs for ever.
    pub end: Option<(SignedDuration, i32)>,
}

impl Plan {
    /// A process that ends at once with `code`.
    pub(super) fn exits(code: i32) -> Self {
        Plan {
            end: Some((SignedDuration::ZERO, code)),
            ..Plan::default()
        }
    }

    /// Whether `path` exists `at` after the start: files the process never touches
    /// are taken to exist (they are the image's).
    pub(super) fn has_file(&self, path: &str, at: SignedDuration) -> bool {
        let mut events = self.files.iter().filter(|(_, p, _)| p == path);
        if events.clone().next().is_none() {
            return true;
        }
        // The events are in time order: the last one by `at` tells.
        events
            .rfind(|(t, _, _)| *t <= at)
            .is_some_and(|(_, _, present)| *present)
    }
}

/// Runs `argv` (command and args, `$(VAR)`s already expanded) in a shell image.
pub(super) fn plan(argv: &[String], env: &[(String, String)]) -> Plan {
    let mut shell = Shell::new(env, &|_: &str| true);
    shell.run_argv(argv);
    shell.finish()
}

struct Shell<'a> {
    vars: HashMap<String, String>,
    exists: &'a dyn Fn(&str) -> bool,
    time: SignedDuration,
    lines: Vec<(SignedDuration, String)>,
    files: Vec<(SignedDuration, String, bool)>,
    status: i32,
    ended: Option<i32>,
    forever: bool,
}

impl<'a> Shell<'a> {
    fn new(env: &[(String, String)], exists: &'a dyn Fn(&str) -> bool) -> Self {
        Shell {
            vars: env.iter().cloned().collect(),
            exists,
            time: SignedDuration::ZERO,
            lines: Vec::new(),
            files: Vec::new(),
            status: 0,
            ended: None,
            forever: false,
        }
    }

    fn finish(self) -> Plan {
        let end = match (self.ended, self.forever) {
            (Some(code), _) => Some((self.time, code)),
            (None, true) => None,
            (None, false) => Some((self.time, self.status)),
        };
        Plan {
            lines: self.lines,
            files: self.files,
            end,
        }
    }

    fn stopped(&self) -> bool {
        self.ended.is_some() || self.forever
    }

    fn run_argv(&mut self, argv: &[String]) {
        let program = argv.first().map(|p| p.rsplit('/').next().unwrap_or(p));
        let is_shell = matches!(program, Some("sh" | "bash" | "ash" | "dash"));
        if !is_shell {
            self.simple(argv.to_vec());
            return;
        }
        // A shell with no script and no terminal reads an empty stdin and exits 0.
        if let Some(script) = argv
            .iter()
            .position(|a| a == "-c")
            .and_then(|i| argv.get(i + 1))
        {
            let items = script::parse(script);
            self.list(&items);
        }
    }

    fn list(&mut self, items: &[(Link, Node)]) {
        for (link, node) in items {
            if self.stopped() {
                return;
            }
            match link {
                Link::And if self.status != 0 => continue,
                Link::Or if self.status == 0 => continue,
                _ => {}
            }
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Simple(words) => {
                let words = words.iter().map(|w| self.expand(w)).collect();
                self.simple(words);
            }
            Node::Group(body) => self.list(body),
            Node::If {
                test,
                then,
                otherwise,
            } => {
                self.list(test);
                if self.status == 0 {
                    self.list(then);
                } else {
                    self.list(otherwise);
                }
            }
            Node::Loop { until, test, body } => {
                for _ in 0..MAX_ITERATIONS {
                    let before = (self.time, self.lines.len());
                    self.list(test);
                    if self.stopped() || (self.status == 0) == *until {
                        self.status = 0;
                        return;
                    }
                    self.list(body);
                    if self.stopped() {
                        return;
                    }
                    if self.time == before.0 {
                        // A loop that takes no time would spin for ever.
                        self.forever = true;
                        return;
                    }
                }
                self.forever = true;
            }
        }
    }

    fn expand(&self, word: &str) -> String {
        script::expand(word, |name| match name {
            "?" => Some(self.status.to_string()),
            name => self.vars.get(name).cloned(),
        })
    }

    fn simple(&mut self, words: Vec<String>) {
        let (mut words, to_file) = self.redirect(words);
        while words
            .first()
            .is_some_and(|w| w.contains('=') && !w.starts_with('='))
        {
            let assignment = words.remove(0);
            if let Some((name, value)) = assignment.split_once('=') {
                self.vars.insert(name.to_owned(), value.to_owned());
            }
        }
        while words.first().is_some_and(|w| w == "exec" || w == "!") {
            words.remove(0);
        }
        let Some(program) = words.first() else {
            self.status = 0;
            return;
        };
        let program = program.rsplit('/').next().unwrap_or(program).to_owned();
        let args = &words[1..];
        let paths = || args.iter().filter(|a| !a.starts_with('-'));
        self.status = match program.as_str() {
            "sleep" => match args.first().map(String::as_str) {
                Some("infinity") => {
                    self.forever = true;
                    0
                }
                Some(n) => {
                    self.time += seconds(n);
                    0
                }
                None => 1,
            },
            "exit" => {
                let code = args.first().and_then(|a| a.parse().ok());
                self.ended = Some(code.unwrap_or(self.status) & 0xff);
                return;
            }
            "false" => 1,
            "echo" => {
                let text: Vec<&str> = args
                    .iter()
                    .map(String::as_str)
                    .skip_while(|a| matches!(*a, "-n" | "-e" | "-en" | "-ne"))
                    .collect();
                if !to_file {
                    self.lines.push((self.time, text.join(" ")));
                }
                0
            }
            "touch" | "mkdir" => {
                for path in paths() {
                    self.files.push((self.time, path.clone(), true));
                }
                0
            }
            "rm" => {
                for path in paths() {
                    self.files.push((self.time, path.clone(), false));
                }
                0
            }
            "cat" | "ls" | "head" => {
                let missing: Vec<&String> = paths().filter(|p| !self.has_file(p)).collect();
                for path in &missing {
                    let line = match program.as_str() {
                        "cat" => format!("cat: can't open '{path}': No such file or directory"),
                        other => format!("{other}: {path}: No such file or directory"),
                    };
                    self.lines.push((self.time, line));
                }
                i32::from(!missing.is_empty())
            }
            "test" | "[" => {
                let path = args.iter().rev().find(|a| *a != "]" && !a.starts_with('-'));
                i32::from(!path.is_some_and(|p| self.has_file(p)))
            }
            "tail" if args.iter().any(|a| a == "-f" || a == "-F") => {
                self.forever = true;
                0
            }
            // `true`, `:`, and every program this shell does not know: done at once.
            _ => 0,
        };
    }

    /// Takes the redirections out of a command's words: files written to are created;
    /// the answer says whether standard output goes to a file.
    fn redirect(&mut self, words: Vec<String>) -> (Vec<String>, bool) {
        let mut kept = Vec::with_capacity(words.len());
        let mut to_file = false;
        let mut words = words.into_iter();
        while let Some(word) = words.next() {
            let fd_end = word
                .find(['>', '<'])
                .filter(|&i| word[..i].chars().all(|c| c.is_ascii_digit() || c == '&') && i <= 1);
            let Some(at) = fd_end else {
                kept.push(word);
                continue;
            };
            let writes = word[at..].starts_with('>');
            let target = word[at..].trim_start_matches(['>', '<']).to_owned();
            let target = if target.is_empty() {
                words.next().unwrap_or_default()
            } else {
                target
            };
            if target.starts_with('&') || !writes {
                continue;
            }
            if matches!(&word[..at], "" | "1" | "&") {
                to_file = true;
            }
            if target != "/dev/null" {
                self.files.push((self.time, target, true));
            }
        }
        (kept, to_file)
    }

    fn has_file(&self, path: &str) -> bool {
        match self.files.iter().rev().find(|(_, p, _)| p == path) {
            Some((_, _, present)) => *present,
            None => (self.exists)(path),
        }
    }
}

/// `sleep`'s argument: seconds, or a number with an `s`, `m`, `h` or `d` suffix.
pub(super) fn seconds(arg: &str) -> SignedDuration {
    let (number, unit) = match arg.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&arg[..i], c),
        _ => (arg, 's'),
    };
    let value: f64 = number.parse().unwrap_or(0.0);
    let scale = match unit {
        'm' => 60.0,
        'h' => 3600.0,
        'd' => 86400.0,
        _ => 1.0,
    };
    SignedDuration::try_from_secs_f64(value * scale).unwrap_or(SignedDuration::ZERO)
}
