//! What the terminal (a pty's line discipline) does with the keys a person types into
//! an interactive shell: echo, backspace, Ctrl-C, Ctrl-D, Ctrl-U and Ctrl-L; a line
//! goes to the shell at Enter; escape sequences (arrow keys) are ignored.

use engine::ExecSession;

/// A terminal's state between keys.
#[derive(Debug, Default)]
pub struct Terminal {
    line: String,
    /// Inside an escape sequence (after ESC): 1 after ESC, 2 inside `ESC [ …`.
    escape: u8,
}

/// What typed keys made the terminal show, and whether the shell ended (its code).
#[derive(Debug, Default, PartialEq)]
pub struct Shown {
    /// Bytes for the screen (echo, output with `\r\n`, prompts).
    pub screen: Vec<u8>,
    /// The shell exited with this code.
    pub ended: Option<i32>,
}

impl Terminal {
    /// Takes `keys` (standard input's bytes) for `shell`.
    pub fn feed(&mut self, keys: &[u8], shell: &mut ExecSession) -> Shown {
        let mut shown = Shown::default();
        for ch in String::from_utf8_lossy(keys).chars() {
            if shown.ended.is_some() {
                break;
            }
            if self.escape > 0 {
                self.escape = match (self.escape, ch) {
                    (1, '[' | 'O') => 2,
                    (2, c) if !('@'..='~').contains(&c) => 2,
                    _ => 0,
                };
                continue;
            }
            match ch {
                '\r' | '\n' => {
                    shown.screen.extend_from_slice(b"\r\n");
                    let line = std::mem::take(&mut self.line);
                    let outcome = shell.line(&line);
                    shown.screen.extend(crlf(&outcome.stdout));
                    shown.screen.extend(crlf(&outcome.stderr));
                    if outcome.ended {
                        shown.ended = Some(outcome.code);
                    } else {
                        shown.screen.extend_from_slice(shell.prompt().as_bytes());
                    }
                }
                '\u{7f}' | '\u{8}' => {
                    if self.line.pop().is_some() {
                        shown.screen.extend_from_slice(b"\x08 \x08");
                    }
                }
                '\u{3}' => {
                    self.line.clear();
                    shown.screen.extend_from_slice(b"^C\r\n");
                    shown.screen.extend_from_slice(shell.prompt().as_bytes());
                }
                '\u{4}' if self.line.is_empty() => {
                    shown.screen.extend_from_slice(b"\r\n");
                    shown.ended = Some(0);
                }
                '\u{15}' => {
                    for _ in 0..self.line.chars().count() {
                        shown.screen.extend_from_slice(b"\x08 \x08");
                    }
                    self.line.clear();
                }
                '\u{c}' => {
                    shown.screen.extend_from_slice(b"\x1b[H\x1b[2J");
                    shown.screen.extend_from_slice(shell.prompt().as_bytes());
                    shown.screen.extend_from_slice(self.line.as_bytes());
                }
                '\u{1b}' => self.escape = 1,
                c if !c.is_control() => {
                    self.line.push(c);
                    let mut bytes = [0; 4];
                    shown
                        .screen
                        .extend_from_slice(c.encode_utf8(&mut bytes).as_bytes());
                }
                _ => {}
            }
        }
        shown
    }
}

/// Output as a terminal shows it: each `\n` also returns the carriage.
pub fn crlf(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 16);
    for &b in text {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use engine::clock::VirtualClock;
    use engine::k8s_openapi::jiff::SignedDuration;
    use engine::{demo, Engine, ExecTarget};

    use super::{crlf, Terminal};

    /// A shell in a running pod of the demo, on virtual time.
    fn shell() -> engine::ExecSession {
        let clock = Arc::new(VirtualClock::default());
        let mut engine = Engine::new(clock.clone(), 7);
        engine.add_node("node-1", 1, 8, 32).expect("a node");
        engine.create(demo::namespace("default")).expect("default");
        engine
            .create(demo::deployment("default", "web", "nginx:1.25", 1))
            .expect("a deployment");
        clock.advance(SignedDuration::from_secs(30));
        engine.tick();
        let pod = engine
            .store()
            .list::<engine::k8s_openapi::api::core::v1::Pod>(Some("default"))
            .next()
            .and_then(|p| p.metadata.name.clone())
            .expect("a pod");
        engine
            .exec(&ExecTarget {
                namespace: "default",
                pod: &pod,
                container: None,
                terminal: true,
            })
            .expect("a session")
    }

    #[test]
    fn typed_keys_are_echoed_edited_and_run_at_enter() {
        let mut shell = shell();
        let mut terminal = Terminal::default();
        let typed = terminal.feed(b"echx\x7fo hi", &mut shell);
        assert_eq!(typed.screen, b"echx\x08 \x08o hi");
        // An arrow key's escape sequence does nothing.
        assert!(terminal.feed(b"\x1b[A", &mut shell).screen.is_empty());
        let entered = terminal.feed(b"\r", &mut shell);
        assert_eq!(entered.screen, b"\r\nhi\r\n# ");
        assert_eq!(entered.ended, None);
        let interrupted = terminal.feed(b"sleep 9\x03", &mut shell);
        assert!(interrupted.screen.ends_with(b"^C\r\n# "));
        let ended = terminal.feed(b"exit 2\r", &mut shell);
        assert_eq!(ended.ended, Some(2));
        assert_eq!(crlf(b"a\nb\n"), b"a\r\nb\r\n");
    }

    #[test]
    fn ctrl_d_on_an_empty_line_ends_the_shell() {
        let mut shell = shell();
        let mut terminal = Terminal::default();
        assert_eq!(terminal.feed(b"\x04", &mut shell).ended, Some(0));
    }
}
