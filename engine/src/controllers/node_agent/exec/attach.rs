//! `pods/attach`: the container's own process, not a new one. Its output from the
//! moment of attaching; and when that process is a shell given standard input
//! (`stdin: true`, as `kubectl run -it … -- sh` makes it), typed lines go to that
//! shell, whose `exit` ends the container.

use k8s_openapi::jiff::{SignedDuration, Timestamp};
use rules::catalog::Behaviour;

use super::shell::{is_shell, ExecSession, Origin};
use super::ExecTarget;
use crate::controllers::node_agent::NodeAgent;
use crate::store::Store;
use crate::Error;

/// What `kubectl attach` is connected to.
#[derive(Debug)]
pub struct Attachment {
    /// The container's process is a shell reading standard input: what is typed goes
    /// to it. `None` for any other process, which reads nothing.
    pub shell: Option<ExecSession>,
    /// The container has a terminal (`tty: true`); attach uses it or none.
    pub tty: bool,
    /// The container's standard input closes when the first attach ends
    /// (`stdinOnce`): its shell then reads the end and exits.
    pub stdin_once: bool,
    /// When it attached: the output written after it is the attach's.
    pub since: Timestamp,
    origin: Origin,
}

impl NodeAgent {
    /// Attaches to `target`'s running container, or upstream's refusal (as exec's).
    pub(crate) fn attach(
        &self,
        store: &Store,
        now: Timestamp,
        target: &ExecTarget,
    ) -> Result<Attachment, Error> {
        let found = self.running(store, target)?;
        let spec = &found.container;
        let tty = spec.tty == Some(true);
        let reads_stdin = spec.stdin == Some(true);
        let argv = super::world::argv(spec);
        let shell_image = super::super::pull::lookup(spec.image.as_deref().unwrap_or_default())
            .is_some_and(|i| i.behaviour == Behaviour::Shell);
        let interactive = match argv.first() {
            Some(program) => is_shell(program) && !argv.iter().any(|a| a == "-c"),
            // A shell image's own command is `sh`.
            None => true,
        };
        let shell =
            (shell_image && reads_stdin && interactive).then(|| found.session(store, now, tty));
        Ok(Attachment {
            shell,
            tty,
            stdin_once: spec.stdin_once == Some(true),
            since: now,
            origin: found.origin,
        })
    }

    /// The lines the attached run printed after `after` (by `now`), or `None` once
    /// that run has ended.
    pub(crate) fn attached_output(
        &self,
        a: &Attachment,
        after: Timestamp,
        now: Timestamp,
    ) -> Option<Vec<(Timestamp, String)>> {
        let origin = &a.origin;
        let run = self
            .runs
            .get(&origin.uid)?
            .main
            .iter()
            .chain(&self.runs.get(&origin.uid)?.init)
            .find(|c| c.name == origin.container)?
            .run()?;
        if run.container_id != origin.container_id {
            return None;
        }
        Some(
            self.logs
                .between(&origin.uid, &origin.container, after, now),
        )
    }

    /// The attached shell exited with `code`: the container's process ends.
    pub(crate) fn end_attached(&mut self, a: &mut Attachment, code: i32, now: Timestamp) {
        if let Some(shell) = a.shell.as_mut() {
            self.keep(shell);
        }
        let Some(run) = self.run_of(&a.origin) else {
            return;
        };
        let at = now.duration_since(run.since).max(SignedDuration::ZERO);
        run.plan.end = Some((at, code & 0xff));
        let key = (a.origin.namespace.clone(), a.origin.pod.clone());
        self.queue.wake(&key, [now]);
    }
}
