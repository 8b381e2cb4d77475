//! `pods/exec`: a shell in a running simulated container, over a world made from its
//! spec (`world.rs`, `network.rs`), with the commands people type first (`programs.rs`,
//! `files.rs`, `http.rs`) and a POSIX-like shell around them (`shell.rs`).

mod attach;
mod files;
mod http;
mod layer;
mod network;
mod programs;
mod redirects;
mod shell;
mod world;

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Container, Pod};
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::container::{Run, State};
use super::{named, NodeAgent};
use crate::store::Store;
use crate::Error;

pub use attach::Attachment;
pub(crate) use layer::Layer;
pub(super) use shell::Origin;
pub use shell::{ExecSession, Outcome};
use world::{Sources, World};

/// Which container an exec is into.
pub struct ExecTarget<'a> {
    /// The pod's namespace.
    pub namespace: &'a str,
    /// The pod's name.
    pub pod: &'a str,
    /// The container's name; the pod's only container when left out.
    pub container: Option<&'a str>,
    /// It has a terminal (`-t`).
    pub terminal: bool,
}

/// A running container an exec or attach reaches.
pub(super) struct Found<'a> {
    pub pod: Arc<Pod>,
    pub container: Container,
    pub run: &'a Run,
    pub pod_ip: Option<&'a str>,
    pub origin: Origin,
}

impl Found<'_> {
    /// A shell in it, as it is `now`.
    pub(super) fn session(&self, store: &Store, now: Timestamp, terminal: bool) -> ExecSession {
        let world = World::new(&Sources {
            store,
            pod: &self.pod,
            container: &self.container,
            pod_ip: self.pod_ip,
            made: made_files(self.run, now),
            layer: &self.run.layer,
            now,
        });
        let mut session = ExecSession::new(world, self.run.env.clone(), terminal);
        session.origin = Some(self.origin.clone());
        session
    }
}

impl NodeAgent {
    /// `target`'s running container, or upstream's refusal: the pod not found (404),
    /// not on a node, or the container not running (400).
    pub(super) fn running(&self, store: &Store, target: &ExecTarget) -> Result<Found<'_>, Error> {
        let pod = named::pod(store, target.namespace, target.pod)?;
        let name = named::container(&pod, target.container)?;
        let refuse = |message: String| named::invalid(target.pod, message);
        let spec = pod.spec.as_ref().cloned().unwrap_or_default();
        if spec.node_name.is_none() {
            return Err(refuse(format!(
                "pod {} does not have a host assigned",
                target.pod
            )));
        }
        let uid = pod.metadata.uid.as_deref().unwrap_or_default();
        let pod_run = self.runs.get(uid);
        let running = pod_run
            .and_then(|r| r.main.iter().chain(&r.init).find(|c| c.name == name))
            .and_then(|c| c.run());
        // The kubelet's answer for a container without a running process.
        let run = running.ok_or_else(|| refuse(format!("container not found (\"{name}\")")))?;
        let container = spec
            .containers
            .into_iter()
            .chain(spec.init_containers.into_iter().flatten())
            .find(|c| c.name == name)
            .ok_or_else(|| refuse(format!("container not found (\"{name}\")")))?;
        let origin = Origin {
            namespace: target.namespace.to_owned(),
            pod: target.pod.to_owned(),
            uid: uid.to_owned(),
            container: name.clone(),
            container_id: run.container_id.clone(),
        };
        Ok(Found {
            pod,
            container,
            run,
            pod_ip: pod_run.and_then(|r| r.pod_ip.as_deref()),
            origin,
        })
    }

    /// A shell session in `target`'s container, or upstream's refusal (as
    /// [`NodeAgent::running`]).
    pub(crate) fn exec(
        &self,
        store: &Store,
        now: Timestamp,
        target: &ExecTarget,
    ) -> Result<ExecSession, Error> {
        Ok(self
            .running(store, target)?
            .session(store, now, target.terminal))
    }

    /// The run `origin` names, while it runs.
    pub(super) fn run_of(&mut self, origin: &Origin) -> Option<&mut Run> {
        self.runs
            .get_mut(&origin.uid)
            .and_then(|r| {
                r.main
                    .iter_mut()
                    .chain(&mut r.init)
                    .find(|c| c.name == origin.container)
            })
            .and_then(|c| match &mut c.state {
                State::Running(run) if run.container_id == origin.container_id => Some(&mut **run),
                _ => None,
            })
    }

    /// Keeps what `session` wrote since it began (or since the last call) in its
    /// container's writable layer, for the sessions after it; nothing when that run of
    /// the container has ended.
    pub(crate) fn keep(&mut self, session: &mut ExecSession) {
        let Some(origin) = session.origin.clone() else {
            return;
        };
        let changes = session.take_changes();
        if changes.is_empty() {
            return;
        }
        if let Some(run) = self.run_of(&origin) {
            run.layer.merge(changes);
        }
    }
}

/// A running container, as a probe finds it.
pub(super) struct InContainer<'a> {
    pub store: &'a Store,
    pub pod: &'a Pod,
    pub container: &'a Container,
    pub pod_ip: &'a str,
    pub run: &'a Run,
    pub now: Timestamp,
}

/// Runs an exec probe's command in a running container, through the same shell a
/// person gets: its exit code and output (trimmed), or the kubelet's timeout failure
/// when its `sleep`s outlast `timeout`.
pub(super) fn probe(at: &InContainer, argv: &[String], timeout: SignedDuration) -> (i32, String) {
    let ran = hook(at, argv);
    if ran.took > timeout {
        return (1, format!("command {:?} timed out", argv.join(" ")));
    }
    (ran.code, ran.output.trim().to_owned())
}

/// What a lifecycle hook's command did.
pub(super) struct HookRun {
    /// Its exit code.
    pub code: i32,
    /// Its standard error (the kubelet's error names it).
    pub stderr: String,
    /// Its standard output and error together (the event's "message").
    pub output: String,
    /// What it wrote to the container's file system.
    pub wrote: Layer,
    /// How long its `sleep`s take.
    pub took: SignedDuration,
}

/// Runs a lifecycle hook's `exec.command` in a running container, through the same
/// shell a person gets.
pub(super) fn hook(at: &InContainer, argv: &[String]) -> HookRun {
    let world = World::new(&Sources {
        store: at.store,
        pod: at.pod,
        container: at.container,
        pod_ip: Some(at.pod_ip),
        made: made_files(at.run, at.now),
        layer: &at.run.layer,
        now: at.now,
    });
    let mut session = ExecSession::new(world, at.run.env.clone(), false);
    let outcome = session.command(argv, b"");
    let mut output = outcome.stdout;
    output.extend(&outcome.stderr);
    HookRun {
        code: outcome.code,
        stderr: String::from_utf8_lossy(&outcome.stderr).into_owned(),
        output: String::from_utf8_lossy(&output).into_owned(),
        wrote: session.take_changes(),
        took: session.slept,
    }
}

/// The files the container's command created or removed by `now`.
fn made_files(run: &Run, now: Timestamp) -> Vec<(String, bool)> {
    let at = now.duration_since(run.since);
    let mut paths: Vec<&String> = run.plan.files.iter().map(|(_, p, _)| p).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .map(|p| (p.clone(), run.plan.has_file(p, at)))
        .collect()
}
