//! The programs people type first in a container: the shell's own builtins, the file
//! tools, and the ones that tell where they are (`hostname`, `id`, `ps`, `nslookup`).
//! Output and errors are worded as Debian's coreutils and dash word them; a program
//! not here is "not found" (127), as in an image without it.

use k8s_openapi::jiff::SignedDuration;

use super::super::command::seconds;
use super::shell::{is_shell, ExecSession, Streams};
use super::world::{user_name, CLUSTER_DNS};

/// The programs this shell knows, for `which` and `command -v`.
const KNOWN: &[&str] = &[
    "cat", "cd", "curl", "date", "dd", "df", "echo", "env", "exit", "export", "false", "getent",
    "grep", "head", "hostname", "id", "ls", "mkdir", "nslookup", "printenv", "printf", "ps", "pwd",
    "rm", "sh", "sleep", "sort", "tail", "test", "touch", "true", "uname", "unset", "wc", "which",
    "whoami", "wget",
];

impl ExecSession {
    /// Runs one program with its arguments; answers its exit code.
    pub(super) fn program(&mut self, argv: Vec<String>, stdin: &[u8], out: &mut Streams) -> i32 {
        let Some(first) = argv.first() else {
            return 0;
        };
        let name = first.rsplit('/').next().unwrap_or(first).to_owned();
        let args: Vec<String> = argv[1..].to_vec();
        let operands = || {
            args.iter()
                .filter(|a| !a.starts_with('-') || *a == "-")
                .cloned()
                .collect::<Vec<_>>()
        };
        match name.as_str() {
            "true" | ":" | "clear" => 0,
            // No time passes in a session; a probe's timeout counts what it slept.
            "sleep" => {
                self.slept += args.first().map_or(SignedDuration::ZERO, |a| seconds(a));
                0
            }
            "false" => 1,
            "exit" => {
                let code = args
                    .first()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(self.status);
                self.exit(code);
                code & 0xff
            }
            _ if is_shell(&name) => self.shell(&args, stdin, out),
            "echo" => {
                let newline = args.first().is_none_or(|a| a != "-n");
                let words: Vec<&str> = args
                    .iter()
                    .map(String::as_str)
                    .skip(usize::from(!newline))
                    .collect();
                out.out.extend_from_slice(words.join(" ").as_bytes());
                if newline {
                    out.out.push(b'\n');
                }
                0
            }
            "printf" => {
                let format = args.first().cloned().unwrap_or_default();
                let mut values = args.iter().skip(1);
                let mut text = String::new();
                let mut chars = format.chars().peekable();
                while let Some(c) = chars.next() {
                    match (c, chars.peek()) {
                        ('%', Some('s' | 'd')) => {
                            chars.next();
                            text += values.next().map_or("", String::as_str);
                        }
                        ('\\', Some('n')) => {
                            chars.next();
                            text.push('\n');
                        }
                        _ => text.push(c),
                    }
                }
                out.out.extend_from_slice(text.as_bytes());
                0
            }
            "pwd" => {
                out.say(&self.cwd);
                0
            }
            "cd" => {
                let target = args
                    .first()
                    .cloned()
                    .or_else(|| self.var("HOME"))
                    .unwrap_or_else(|| "/".to_owned());
                let path = self.path(&target);
                if self.world.dirs.contains(&path) {
                    self.cwd = path;
                    0
                } else {
                    out.complain(format!("sh: 1: cd: can't cd to {target}"));
                    2
                }
            }
            "export" => {
                for arg in &args {
                    let (name, value) = match arg.split_once('=') {
                        Some((n, v)) => (n.to_owned(), v.to_owned()),
                        None => (arg.clone(), self.var(arg).unwrap_or_default()),
                    };
                    self.vars.insert(name, (value, true));
                }
                0
            }
            "unset" => {
                for arg in &args {
                    self.vars.remove(arg);
                }
                0
            }
            "env" | "printenv" => self.environment(&name, &operands(), out),
            "hostname" => {
                out.say(&self.world.hostname);
                0
            }
            "whoami" => {
                out.say(user_name(self.world.uid));
                0
            }
            "id" => {
                let uid = self.world.uid;
                let user = match uid {
                    0 => "(root)".to_owned(),
                    _ => String::new(),
                };
                out.say(format!("uid={uid}{user} gid=0(root) groups=0(root)"));
                0
            }
            "uname" => {
                let hostname = self.world.hostname.clone();
                let machine = self.world.machine;
                let line = match args.first().map(String::as_str) {
                    Some("-a") => format!(
                        "Linux {hostname} 6.1.0-berth #1 SMP PREEMPT_DYNAMIC {machine} GNU/Linux"
                    ),
                    Some("-r") => "6.1.0-berth".to_owned(),
                    Some("-n") => hostname,
                    Some("-m") => machine.to_owned(),
                    _ => "Linux".to_owned(),
                };
                out.say(line);
                0
            }
            "date" => match args.first() {
                None => {
                    out.say(
                        self.world
                            .now
                            .strftime("%a %b %e %H:%M:%S UTC %Y")
                            .to_string(),
                    );
                    0
                }
                Some(format) if format.starts_with('+') => {
                    out.say(self.world.now.strftime(&format[1..]).to_string());
                    0
                }
                Some(other) => {
                    out.complain(format!("date: invalid date '{other}'"));
                    1
                }
            },
            "dd" => self.dd(&args, out),
            "ps" => {
                out.say("PID   USER     TIME  COMMAND");
                let mut rows: Vec<(u32, String, String)> = self
                    .world
                    .processes
                    .iter()
                    .map(|p| (p.pid, p.user.clone(), p.command.clone()))
                    .collect();
                let user = user_name(self.world.uid);
                rows.push((7, user.clone(), "sh".to_owned()));
                rows.push((13, user, argv.join(" ")));
                for (pid, user, command) in rows {
                    out.say(format!("{pid:>5} {user:<8}  0:00 {command}"));
                }
                0
            }
            "df" => {
                out.say("Filesystem     1K-blocks    Used Available Use% Mounted on");
                out.say("overlay         61255652 9876544  48238272  17% /");
                out.say("tmpfs              65536       0     65536   0% /dev");
                out.say("shm                65536       0     65536   0% /dev/shm");
                0
            }
            "nslookup" => self.nslookup(&operands(), out),
            "getent" => {
                let (Some(database), Some(key)) = (args.first(), args.get(1)) else {
                    out.complain("Usage: getent [OPTION...] database [key ...]");
                    return 1;
                };
                if !matches!(database.as_str(), "hosts" | "ahosts") {
                    out.complain(format!("Unknown database: {database}"));
                    return 1;
                }
                match self.world.resolve(key) {
                    Some((name, ip)) => {
                        out.say(format!("{ip:<15} {name}"));
                        0
                    }
                    None => 2,
                }
            }
            "which" => {
                let mut code = 0;
                for program in operands() {
                    if KNOWN.contains(&program.as_str()) {
                        out.say(format!("/usr/bin/{program}"));
                    } else {
                        code = 1;
                    }
                }
                code
            }
            "test" | "[" => self.test(&args),
            "curl" | "wget" => self.fetch(&name, &args, out),
            _ => self
                .files_program(&name, &args, &operands(), stdin, out)
                .unwrap_or_else(|| {
                    out.complain(match self.world.busybox {
                        true => format!("sh: {first}: not found"),
                        false => format!("sh: 1: {first}: not found"),
                    });
                    127
                }),
        }
    }

    /// `sh` inside the session: `-c script`, or nothing (no terminal to read).
    fn shell(&mut self, args: &[String], stdin: &[u8], out: &mut Streams) -> i32 {
        let script = args
            .iter()
            .position(|a| a == "-c")
            .and_then(|i| args.get(i + 1))
            .cloned();
        // A child shell: its own variables and folder, the same file system.
        let mut inner = self.clone();
        inner.script(&script.unwrap_or_default(), stdin, out);
        self.world = inner.world;
        self.slept = inner.slept;
        inner.status
    }

    /// `env` lists the environment; `printenv NAME` prints one variable (1 if unset).
    fn environment(&self, name: &str, operands: &[String], out: &mut Streams) -> i32 {
        if name == "printenv" && !operands.is_empty() {
            let mut code = 0;
            for var in operands {
                match self.vars.get(var).filter(|(_, exported)| *exported) {
                    Some((value, _)) => out.say(value),
                    None => code = 1,
                }
            }
            return code;
        }
        for (name, (value, exported)) in &self.vars {
            if *exported {
                out.say(format!("{name}={value}"));
            }
        }
        0
    }

    /// busybox's `nslookup` against the cluster DNS: the Services' names.
    fn nslookup(&self, operands: &[String], out: &mut Streams) -> i32 {
        let Some(name) = operands.first() else {
            out.complain("Usage: nslookup [HOST] [SERVER]");
            return 1;
        };
        out.say(format!("Server:\t\t{CLUSTER_DNS}"));
        out.say(format!("Address:\t{CLUSTER_DNS}#53"));
        out.say("");
        match self.world.resolve(name) {
            Some((fqdn, ip)) => {
                out.say(format!("Name:\t{fqdn}"));
                out.say(format!("Address: {ip}"));
                0
            }
            None => {
                out.say(format!("** server can't find {name}: NXDOMAIN"));
                out.say("");
                1
            }
        }
    }

    /// `test -f/-d/-e/-z/-n`, `=` and `!=`.
    fn test(&self, args: &[String]) -> i32 {
        let args: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .filter(|a| *a != "]")
            .collect();
        let holds = match args.as_slice() {
            ["-f", path] => self.world.files.contains_key(&self.path(path)),
            ["-d", path] => self.world.dirs.contains(&self.path(path)),
            ["-e", path] => {
                let path = self.path(path);
                self.world.files.contains_key(&path) || self.world.dirs.contains(&path)
            }
            ["-z", text] => text.is_empty(),
            ["-n", text] => !text.is_empty(),
            [a, "=", b] => a == b,
            [a, "!=", b] => a != b,
            [text] => !text.is_empty(),
            _ => false,
        };
        i32::from(!holds)
    }
}
