//! Redirections (`> f`, `>> f`, `2>&1`, `>&2`, `2>/dev/null`, `< f`): taken out of a
//! command's words, then applied to what it printed.

use super::shell::{ExecSession, Streams};

/// A command's redirections, taken out of its words.
pub(super) struct Redirects {
    pub words: Vec<String>,
    /// `> f` (false) or `>> f` (true).
    stdout: Option<(String, bool)>,
    /// `2> f`; `/dev/null` discards.
    stderr: Option<(String, bool)>,
    /// `2>&1`.
    stderr_to_stdout: bool,
    /// `>&2`.
    stdout_to_stderr: bool,
    /// `< f`.
    pub stdin: Option<String>,
}

impl Redirects {
    /// The words without their redirections; `None` when one lacks its file.
    pub(super) fn take(words: Vec<String>) -> Option<Self> {
        let mut r = Redirects {
            words: Vec::new(),
            stdout: None,
            stderr: None,
            stderr_to_stdout: false,
            stdout_to_stderr: false,
            stdin: None,
        };
        let mut words = words.into_iter();
        while let Some(word) = words.next() {
            let operator_at = word.find(['>', '<']);
            let Some(at) = operator_at
                .filter(|&i| i <= 1 && word[..i].chars().all(|c| c.is_ascii_digit() || c == '&'))
            else {
                r.words.push(word);
                continue;
            };
            let (fd, rest) = word.split_at(at);
            let append = rest.starts_with(">>");
            let reads = rest.starts_with('<');
            let target = rest.trim_start_matches(['>', '<']);
            let target = if target.is_empty() {
                words.next()?
            } else {
                target.to_owned()
            };
            match (fd, reads, target.as_str()) {
                (_, true, _) => r.stdin = Some(target),
                ("2", false, "&1") => r.stderr_to_stdout = true,
                ("" | "1", false, "&2") => r.stdout_to_stderr = true,
                ("2", false, _) => r.stderr = Some((target, append)),
                ("&", false, _) => {
                    r.stdout = Some((target, append));
                    r.stderr_to_stdout = true;
                }
                (_, false, _) => r.stdout = Some((target, append)),
            }
        }
        Some(r)
    }

    /// Sends a command's own output where the redirections say.
    pub(super) fn deliver(&self, session: &mut ExecSession, mut own: Streams, out: &mut Streams) {
        if self.stderr_to_stdout {
            let err = std::mem::take(&mut own.err);
            own.out.extend(err);
        }
        if self.stdout_to_stderr {
            let printed = std::mem::take(&mut own.out);
            own.err.extend(printed);
        }
        match &self.stdout {
            Some((path, append)) => session.store(path, own.out, *append),
            None => out.out.append(&mut own.out),
        }
        match &self.stderr {
            Some((path, append)) => session.store(path, own.err, *append),
            None => out.err.append(&mut own.err),
        }
    }
}

impl ExecSession {
    /// Writes (or appends) `content` to the file at `path`; `/dev/null` discards it.
    fn store(&mut self, path: &str, content: Vec<u8>, append: bool) {
        if path == "/dev/null" {
            return;
        }
        let path = self.path(path);
        let mut content = content;
        if append {
            if let Some(mut before) = self.world.files.get(&path).cloned() {
                before.append(&mut content);
                content = before;
            }
        }
        self.world.write(&path, content);
    }
}
