//! The file and text tools: `cat`, `ls`, `touch`, `mkdir`, `rm`, and the filters a
//! pipe ends in (`grep`, `head`, `tail`, `wc`, `sort`).

use super::shell::{ExecSession, Streams};

impl ExecSession {
    /// Runs `name` if it is one of these tools; `None` when it is not.
    pub(super) fn files_program(
        &mut self,
        name: &str,
        args: &[String],
        operands: &[String],
        stdin: &[u8],
        out: &mut Streams,
    ) -> Option<i32> {
        Some(match name {
            "cat" => self.read_each(name, operands, stdin, out, |text, out| out.out.extend(text)),
            "ls" => self.list_dirs(args, operands, out),
            "touch" => {
                for path in operands {
                    let path = self.path(path);
                    if !self.world.files.contains_key(&path) {
                        self.world.write(&path, Vec::new());
                    }
                }
                0
            }
            "mkdir" => {
                for path in operands {
                    let path = self.path(path);
                    self.world.mkdir(&path);
                }
                0
            }
            "rm" => {
                let mut code = 0;
                for path in operands {
                    let path = self.path(path);
                    if self.world.files.remove(&path).is_none() {
                        out.complain(format!(
                            "rm: cannot remove '{path}': No such file or directory"
                        ));
                        code = 1;
                    }
                }
                code
            }
            "grep" => {
                let invert = args.iter().any(|a| a == "-v");
                let fold = args.iter().any(|a| a == "-i");
                let Some((pattern, files)) = operands.split_first() else {
                    out.complain("Usage: grep [OPTION]... PATTERNS [FILE]...");
                    return Some(2);
                };
                let pattern = if fold {
                    pattern.to_lowercase()
                } else {
                    pattern.clone()
                };
                let count = args.iter().any(|a| a == "-c");
                let mut found = false;
                let code = self.read_each(name, files, stdin, out, |text, out| {
                    let mut matched = 0;
                    for line in String::from_utf8_lossy(&text).lines() {
                        let seen = if fold {
                            line.to_lowercase()
                        } else {
                            line.to_owned()
                        };
                        if seen.contains(&pattern) != invert {
                            matched += 1;
                            if !count {
                                out.say(line);
                            }
                        }
                    }
                    found |= matched > 0;
                    if count {
                        out.say(matched.to_string());
                    }
                });
                match (code, found) {
                    (0, true) => 0,
                    (0, false) => 1,
                    _ => 2,
                }
            }
            "head" | "tail" => {
                let count = count_option(args).unwrap_or(10);
                let files: Vec<String> = operands
                    .iter()
                    .filter(|o| o.parse::<usize>().is_err())
                    .cloned()
                    .collect();
                self.read_each(name, &files, stdin, out, |text, out| {
                    let text = String::from_utf8_lossy(&text).into_owned();
                    let lines: Vec<&str> = text.lines().collect();
                    let shown = match name {
                        "head" => &lines[..count.min(lines.len())],
                        _ => &lines[lines.len().saturating_sub(count)..],
                    };
                    for line in shown {
                        out.say(line);
                    }
                })
            }
            "sort" => self.read_each(name, operands, stdin, out, |text, out| {
                let text = String::from_utf8_lossy(&text).into_owned();
                let mut lines: Vec<&str> = text.lines().collect();
                lines.sort_unstable();
                for line in lines {
                    out.say(line);
                }
            }),
            "wc" => {
                let only_lines = args.iter().any(|a| a == "-l");
                self.read_each(name, operands, stdin, out, |text, out| {
                    let lines = text.iter().filter(|b| **b == b'\n').count();
                    let words = String::from_utf8_lossy(&text).split_whitespace().count();
                    out.say(match only_lines {
                        true => lines.to_string(),
                        false => format!("{lines:>7} {words:>7} {:>7}", text.len()),
                    });
                })
            }
            _ => return None,
        })
    }

    /// Reads each of `paths` (standard input without any, or for `-`) into `each`;
    /// a missing file or a folder is reported and makes the answer 1.
    fn read_each(
        &self,
        program: &str,
        paths: &[String],
        stdin: &[u8],
        out: &mut Streams,
        mut each: impl FnMut(Vec<u8>, &mut Streams),
    ) -> i32 {
        if paths.is_empty() {
            each(stdin.to_vec(), out);
            return 0;
        }
        let mut code = 0;
        for given in paths {
            if given == "-" {
                each(stdin.to_vec(), out);
                continue;
            }
            let path = self.path(given);
            match self.world.files.get(&path) {
                Some(content) => each(content.clone(), out),
                None if self.world.dirs.contains(&path) => {
                    out.complain(format!("{program}: {given}: Is a directory"));
                    code = 1;
                }
                None if self.world.busybox && program == "cat" => {
                    out.complain(format!(
                        "cat: can't open '{given}': No such file or directory"
                    ));
                    code = 1;
                }
                None => {
                    out.complain(format!("{program}: {given}: No such file or directory"));
                    code = 1;
                }
            }
        }
        code
    }

    /// `ls [-a] [-l] [paths]`: a folder's entries in name order, one per line.
    fn list_dirs(&self, args: &[String], operands: &[String], out: &mut Streams) -> i32 {
        let all = args.iter().any(|a| a.starts_with('-') && a.contains('a'));
        let long = args.iter().any(|a| a.starts_with('-') && a.contains('l'));
        let targets = if operands.is_empty() {
            vec![".".to_owned()]
        } else {
            operands.to_vec()
        };
        let mut code = 0;
        for (index, given) in targets.iter().enumerate() {
            let path = self.path(given);
            if let Some(content) = self.world.files.get(&path) {
                out.say(self.entry(given, Some(content.len()), long));
                continue;
            }
            if !self.world.dirs.contains(&path) {
                out.complain(match self.world.busybox {
                    true => format!("ls: {given}: No such file or directory"),
                    false => format!("ls: cannot access '{given}': No such file or directory"),
                });
                code = 2;
                continue;
            }
            if targets.len() > 1 {
                if index > 0 {
                    out.say("");
                }
                out.say(format!("{given}:"));
            }
            let prefix = if path == "/" {
                "/".to_owned()
            } else {
                format!("{path}/")
            };
            let child = |p: &String| {
                p.strip_prefix(&prefix)
                    .filter(|rest| !rest.is_empty() && !rest.contains('/'))
                    .map(str::to_owned)
            };
            let mut entries: Vec<(String, Option<usize>)> = self
                .world
                .dirs
                .iter()
                .filter_map(child)
                .map(|n| (n, None))
                .collect();
            entries.extend(
                self.world
                    .files
                    .iter()
                    .filter_map(|(p, c)| child(p).map(|n| (n, Some(c.len())))),
            );
            entries.sort();
            if all {
                out.say(self.entry(".", None, long));
                out.say(self.entry("..", None, long));
            }
            for (name, size) in entries
                .into_iter()
                .filter(|(n, _)| all || !n.starts_with('.'))
            {
                out.say(self.entry(&name, size, long));
            }
        }
        code
    }

    /// One line of `ls`: the name, or with `-l` the mode, owner, size and date too.
    fn entry(&self, name: &str, size: Option<usize>, long: bool) -> String {
        if !long {
            return name.to_owned();
        }
        let (mode, size) = match size {
            Some(size) => ("-rw-r--r--", size),
            None => ("drwxr-xr-x", 4096),
        };
        let date = self.world.now.strftime("%b %e %H:%M");
        format!("{mode} 1 root root {size:>6} {date} {name}")
    }
}

impl ExecSession {
    /// `dd if=… of=FILE bs=N count=M`: writes the file (its first 64 KiB kept: the
    /// rest is zeros no one reads) and reports as GNU dd does.
    pub(super) fn dd(&mut self, args: &[String], out: &mut Streams) -> i32 {
        let value = |key: &str| {
            args.iter()
                .find_map(|a| a.strip_prefix(key)?.strip_prefix('='))
                .map(str::to_owned)
        };
        let block = value("bs").map_or(512, |b| bytes(&b));
        let count = value("count")
            .and_then(|c| c.parse::<u64>().ok())
            .unwrap_or(1);
        let total = block * count;
        if let Some(target) = value("of") {
            let path = self.path(&target);
            let kept = usize::try_from(total.min(64 * 1024)).unwrap_or(0);
            self.world.write(&path, vec![0; kept]);
        }
        out.complain(format!("{count}+0 records in"));
        out.complain(format!("{count}+0 records out"));
        out.complain(format!(
            "{total} bytes copied, 0.01 s, {} MB/s",
            total / 10_000
        ));
        0
    }
}

/// A dd size: a number with an optional `K`, `M` or `G` (powers of 1024).
fn bytes(size: &str) -> u64 {
    let (number, scale) = match size.chars().last() {
        Some('K' | 'k') => (&size[..size.len() - 1], 1 << 10),
        Some('M') => (&size[..size.len() - 1], 1 << 20),
        Some('G') => (&size[..size.len() - 1], 1 << 30),
        _ => (size, 1),
    };
    number.parse::<u64>().unwrap_or(0) * scale
}

/// `-n N`, `-nN` or `-N`: how many lines `head` and `tail` print.
fn count_option(args: &[String]) -> Option<usize> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "-n" {
            return args.next().and_then(|n| n.parse().ok());
        }
        if let Some(n) = arg.strip_prefix("-n").or_else(|| arg.strip_prefix('-')) {
            if let Ok(n) = n.parse() {
                return Some(n);
            }
        }
    }
    None
}
