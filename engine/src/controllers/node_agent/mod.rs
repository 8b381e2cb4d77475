//! The simulated node agent (a kubelet), driven by the image catalog: it gives each pod
//! an IP, runs its init containers one after another to completion, then its
//! containers — pulling images (`pull.rs`), resolving their environment (`env.rs`),
//! starting them (`start.rs`), probing them (`probes.rs`), restarting them with
//! back-off (`backoff.rs`) — reports status (`status.rs`) and events (`events.rs`),
//! keeps their logs (`logs.rs`), and stops the containers of deleted pods before
//! removing them.

mod backoff;
mod command;
mod container;
mod env;
mod events;
mod exec;
mod hooks;
mod logs;
mod named;
mod probes;
mod pull;
mod script;
mod start;
mod status;

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Node, Pod, Secret, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::DeleteOptions;
use k8s_openapi::jiff::SignedDuration;

use super::queue::Queue;
use super::Ctx;
use crate::pod_state;
use crate::store::{key_of, EventType, Store};
use container::{Container, PodRun, State};
use events::emit;

pub use exec::{Attachment, ExecSession, ExecTarget, Outcome};
pub(crate) use logs::LogQuery;

/// The agent of every simulated node, with what it knows of each pod it runs.
#[derive(Default)]
pub(crate) struct NodeAgent {
    runs: HashMap<String, PodRun>,
    next_host: HashMap<String, u32>,
    /// The images each node holds (normalised references), as pulls leave them.
    images: HashMap<String, HashSet<String>>,
    logs: logs::Logs,
    queue: Queue,
}

/// Whether anything a pod's containers read besides the pod itself changed after
/// `since`.
fn outside_changed(store: &Store, since: u64) -> bool {
    !store.recent_changes::<Node>(since).is_empty()
        || !store.recent_changes::<Namespace>(since).is_empty()
        || !store.recent_changes::<ConfigMap>(since).is_empty()
        || !store.recent_changes::<Secret>(since).is_empty()
        || !store.recent_changes::<Service>(since).is_empty()
}

impl NodeAgent {
    /// One pass over the pods bound to a node that have something new: those that
    /// changed and those whose timers are due. A change to what a pod's containers read
    /// besides the pod (nodes, namespaces, ConfigMaps, Secrets, Services) looks at
    /// every pod again, as does the first pass.
    pub(crate) fn sync_all(&mut self, ctx: &mut Ctx) {
        let since = self.queue.begin(ctx.store);
        let everything = since.is_none_or(|since| outside_changed(ctx.store, since));
        let mut keys = BTreeSet::new();
        if everything {
            keys.extend(ctx.store.list::<Pod>(None).map(|p| key_of(&**p)));
        } else if let Some(since) = since {
            for change in ctx.store.recent_changes::<Pod>(since) {
                if change.kind == EventType::Deleted {
                    if let Some(uid) = change.object.metadata.uid.as_deref() {
                        self.runs.remove(uid);
                        self.logs.forget(uid);
                    }
                } else if !self.wrote(&change.object, change.resource_version) {
                    keys.insert(key_of(&*change.object));
                }
            }
        }
        self.queue.take_due(ctx.now, &mut keys);
        let mut pods: Vec<Arc<Pod>> = keys
            .iter()
            .filter_map(|(ns, name)| ctx.store.get::<Pod>(ns, name))
            .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some())
            .collect();
        // A pass over every pod (which forgets the runs of pods it did not see) is
        // never cut short.
        let most = ctx.timings.pods_per_pass;
        if !everything && pods.len() > most {
            for later in pods.split_off(most) {
                self.queue.wake(&key_of(&*later), [ctx.now]);
            }
            ctx.again_soon();
        }
        let mut seen = HashSet::with_capacity_and_hasher(pods.len(), Default::default());
        for pod in pods {
            let uid = pod.metadata.uid.clone().unwrap_or_default();
            ctx.take_woken().for_each(drop);
            self.sync(ctx, &pod, &uid);
            let woken: Vec<_> = ctx.take_woken().collect();
            self.queue.wake(&key_of(&*pod), woken);
            seen.insert(uid);
        }
        if everything {
            self.runs.retain(|uid, _| seen.contains(uid));
            self.logs.retain(|uid| seen.contains(uid));
        }
    }

    fn sync(&mut self, ctx: &mut Ctx, pod: &Pod, uid: &str) {
        if pod_state::is_terminating(pod) {
            self.stop(ctx, pod, uid);
            return;
        }
        let Some(mut run) = self.runs.remove(uid).or_else(|| self.admit(ctx, pod)) else {
            return;
        };
        let no_spec = k8s_openapi::api::core::v1::PodSpec::default();
        let spec = pod.spec.as_ref().unwrap_or(&no_spec);
        let node_name = spec.node_name.clone().unwrap_or_default();
        let mut images = self.images.remove(&node_name).unwrap_or_default();
        let mut node = start::Node {
            images: &mut images,
            logs: &mut self.logs,
        };
        let policy = spec.restart_policy.as_deref().unwrap_or("Always");
        let pod_ip = run.pod_ip.clone().unwrap_or_default();
        let host_ip = run.host_ip.clone().unwrap_or_default();
        let step = |spec, taken, init| start::Step {
            pod,
            spec,
            pod_ip: &pod_ip,
            host_ip: &host_ip,
            taken,
            policy,
            init,
        };
        let now = ctx.now;
        // Init containers run one at a time, each once the one before completed.
        let mut initialized = true;
        let init_specs = spec.init_containers.as_deref().unwrap_or_default();
        for (c, s) in run.init.iter_mut().zip(init_specs) {
            if c.completed(now) {
                continue;
            }
            start::step(ctx, &mut node, &step(s, Vec::new(), true), c);
            if !c.completed(now) {
                initialized = false;
                break;
            }
        }
        if initialized {
            for i in 0..run.main.len() {
                let taken: Vec<u16> = run
                    .main
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .flat_map(|(_, c)| c.bound_ports().iter().copied())
                    .collect();
                let s = &spec.containers[i];
                start::step(ctx, &mut node, &step(s, taken, false), &mut run.main[i]);
            }
        }
        self.images.insert(node_name, images);
        if let Some(current) = ctx.store.get::<Pod>(
            pod.metadata.namespace.as_deref().unwrap_or_default(),
            pod.metadata.name.as_deref().unwrap_or_default(),
        ) {
            if let Some(rv) = status::write(ctx, &current, &run, initialized) {
                run.written = rv;
            }
        }
        self.runs.insert(uid.to_owned(), run);
    }

    /// A pod new to its node: it gets an IP; its containers wait to be created.
    fn admit(&mut self, ctx: &mut Ctx, pod: &Pod) -> Option<PodRun> {
        let spec = pod.spec.as_ref()?;
        let node_name = spec.node_name.clone().unwrap_or_default();
        let node = ctx.store.get::<Node>("", &node_name);
        let host_ip = node.as_ref().and_then(|n| {
            n.status
                .as_ref()?
                .addresses
                .as_ref()?
                .first()
                .map(|a| a.address.clone())
        });
        let pod_ip = node
            .as_ref()
            .and_then(|n| n.spec.as_ref()?.pod_cidr.clone())
            .map(|cidr| {
                let prefix = cidr.trim_end_matches("0/24");
                // Hosts .2 to .254 of the node's /24, handed out in turn.
                let issued = self.next_host.entry(node_name.clone()).or_insert(0);
                let host = *issued % 253 + 2;
                *issued += 1;
                format!("{prefix}{host}")
            });
        let now = ctx.now;
        let init: Vec<Container> = spec
            .init_containers
            .iter()
            .flatten()
            .map(|c| Container::new(&c.name, now, "PodInitializing"))
            .collect();
        let first = if init.is_empty() {
            "ContainerCreating"
        } else {
            "PodInitializing"
        };
        let main = spec
            .containers
            .iter()
            .map(|c| Container::new(&c.name, now, first))
            .collect();
        Some(PodRun {
            pod_ip,
            host_ip,
            start_time: now,
            init,
            main,
            stopping: None,
            killed: false,
            written: 0,
        })
    }

    /// A deleted pod: its containers get the stop signal and exit within the grace
    /// period (a preStop `sleep` holds them that much longer, still within it); then
    /// the pod object goes.
    fn stop(&mut self, ctx: &mut Ctx, pod: &Pod, uid: &str) {
        let now = ctx.now;
        let stopping = self.runs.get(uid).and_then(|r| r.stopping);
        match stopping {
            Some(until) if until <= now => {
                let killed = self.runs.remove(uid).is_some_and(|r| r.killed);
                finish(ctx, pod, killed);
                return;
            }
            Some(_) => return,
            None => {}
        }
        let grace =
            SignedDuration::from_secs(pod.metadata.deletion_grace_period_seconds.unwrap_or(0));
        let spec = pod.spec.clone().unwrap_or_default();
        let mut took = ctx.timings.termination;
        let mut failed = Vec::new();
        let mut stopped = Vec::new();
        let pod_run = self.runs.get(uid);
        let containers = pod_run.map(|r| r.init.iter().chain(r.main.iter()));
        for c in containers.into_iter().flatten() {
            let run = match &c.state {
                State::Running(run) => Some(&**run),
                State::Creating { .. } => None,
                _ => continue,
            };
            stopped.push(c.name.clone());
            let container = spec.containers.iter().find(|s| s.name == c.name);
            let hook = container.and_then(|s| s.lifecycle.as_ref()?.pre_stop.as_ref());
            let (Some(container), Some(hook), Some(run)) = (container, hook, run) else {
                continue;
            };
            // preStop runs before the container is told to stop, within the grace period.
            let at = exec::InContainer {
                store: &*ctx.store,
                pod,
                container,
                pod_ip: pod_run
                    .and_then(|r| r.pod_ip.as_deref())
                    .unwrap_or_default(),
                run,
                now,
            };
            match hooks::run(hook, &at) {
                Ok(ran) => took = took.max(ctx.timings.termination + ran.took),
                Err(message) => failed.push(message),
            }
        }
        for message in failed {
            emit(ctx, pod, true, "FailedPreStopHook", message);
        }
        for name in &stopped {
            emit(
                ctx,
                pod,
                false,
                "Killing",
                format!("Stopping container {name}"),
            );
        }
        let until = now + took.min(grace);
        let killed = took > grace && !stopped.is_empty();
        if until <= now {
            self.runs.remove(uid);
            finish(ctx, pod, killed);
            return;
        }
        ctx.wake_at(until);
        let written = status::stopping(ctx, pod);
        let run = self.runs.entry(uid.to_owned()).or_insert_with(|| PodRun {
            pod_ip: None,
            host_ip: None,
            start_time: now,
            init: Vec::new(),
            main: Vec::new(),
            stopping: None,
            killed: false,
            written: 0,
        });
        run.stopping = Some(until);
        run.killed = killed;
        if let Some(rv) = written {
            run.written = rv;
        }
    }
}

/// A deleted pod whose containers have stopped: the kubelet deletes it with no grace
/// period left, which removes it; a pod a finalizer holds stays, ended (since 1.27 the
/// kubelet writes a terminal phase first). Its logs stay readable until it is gone.
fn finish(ctx: &mut Ctx, pod: &Pod, killed: bool) {
    let (ns, name) = crate::store::key_of(pod);
    let Some(current) = ctx.store.get::<Pod>(&ns, &name) else {
        return;
    };
    if current
        .metadata
        .finalizers
        .as_ref()
        .is_some_and(|f| !f.is_empty())
    {
        status::ended(ctx, &current, killed);
    }
    let options = DeleteOptions {
        grace_period_seconds: Some(0),
        ..DeleteOptions::default()
    };
    if let Err(e) = crate::delete::delete_with::<Pod>(ctx.store, ctx.now, &ns, &name, &options) {
        tracing::warn!("removing the stopped pod {ns}/{name}: {e}");
    }
}

impl NodeAgent {
    /// The resourceVersion up to which the agent has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        self.queue.seen()
    }
}

impl NodeAgent {
    /// Whether the pod's change at `rv` is the agent's own status write (or came
    /// before it): a sync at the same time would find nothing new.
    fn wrote(&self, pod: &Pod, rv: u64) -> bool {
        pod.metadata
            .uid
            .as_deref()
            .and_then(|uid| self.runs.get(uid))
            .is_some_and(|run| rv <= run.written)
    }
}
