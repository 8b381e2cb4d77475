//! One container's life on the node, moved along as far as the clock allows: image,
//! environment, create, start, bind its ports, run its process and its probes, exit,
//! and restart with the kubelet's back-off (CrashLoopBackOff).

use rustc_hash::FxHashSet as HashSet;

use k8s_openapi::api::core::v1::{Container as Spec, Pod};
use k8s_openapi::jiff::{SignedDuration, Timestamp};
use rules::catalog::Behaviour;

use super::super::Ctx;
use super::command::{self, Plan};
use super::container::{hex_id, Container, Exit, Run, State, RELIST};
use super::env::{self, Sources};
use super::events::{emit, go_duration};
use super::exec::ExecSession;
use super::hooks;
use super::logs::{self, Logs};
use super::probes::{self, Probes, Target};
use super::pull::{self, RESYNC};

/// How long an image that misses a required variable runs before it gives up.
const GIVE_UP: SignedDuration = SignedDuration::from_secs(1);

/// Everything one container's step reads besides the container itself.
pub(super) struct Step<'a> {
    /// The pod.
    pub pod: &'a Pod,
    /// The container's spec.
    pub spec: &'a Spec,
    /// The pod's IP.
    pub pod_ip: &'a str,
    /// The node's IP.
    pub host_ip: &'a str,
    /// Ports the pod's other containers hold bound.
    pub taken: Vec<u16>,
    /// The pod's `restartPolicy`.
    pub policy: &'a str,
    /// It is an init container.
    pub init: bool,
}

/// The node's own state a step changes.
pub(super) struct Node<'a> {
    /// The images on the node.
    pub images: &'a mut HashSet<String>,
    /// The containers' logs.
    pub logs: &'a mut Logs,
}

impl Step<'_> {
    fn uid(&self) -> &str {
        self.pod.metadata.uid.as_deref().unwrap_or_default()
    }

    /// Upstream's `format.Pod`: `name_namespace(uid)`.
    fn pod_label(&self) -> String {
        super::events::pod_label(self.pod)
    }
}

/// Moves `c` along until nothing more is due at `ctx.now`.
pub(super) fn step(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container) {
    // Every transition either waits for a later time or moves on; a handful suffice.
    for _ in 0..8 {
        if !advance(ctx, node, s, c) {
            return;
        }
    }
}

/// One transition, if one is due; true when another may follow at once.
fn advance(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container) -> bool {
    let now = ctx.now;
    match &c.state {
        State::Waiting { backoff_from, .. } if backoff_from.is_some_and(|t| t <= now) => {
            pull::show_backoff(ctx, s.pod, s.spec, c);
            true
        }
        State::Waiting { reason, retry, .. } => {
            let config_error = reason == "CreateContainerConfigError";
            // A Secret or ConfigMap created meanwhile lets the container start at once.
            let fixed = config_error && env::resolve(&sources(ctx, s), s.spec).is_ok();
            if *retry > now && !fixed {
                return false;
            }
            if reason == "CrashLoopBackOff" {
                if let Some(last) = &c.last {
                    c.crash_backoff.next(last.finished_at);
                }
            }
            pull::ensure(node.images, ctx, s.pod, s.spec, c) && create(ctx, s, c)
        }
        State::Pulling { until, .. } if *until <= now => {
            pull::finish(node.images, ctx, s.pod, s.spec, c) && create(ctx, s, c)
        }
        State::Creating { until, .. } if *until <= now => {
            start(ctx, node, s, c);
            true
        }
        State::Running(_) => running(ctx, node, s, c),
        State::Exited(exit) if exit.finished_at + RELIST <= now => exited(ctx, node, s, c),
        _ => false,
    }
}

fn sources<'a>(ctx: &'a Ctx, s: &'a Step) -> Sources<'a> {
    Sources {
        store: &*ctx.store,
        pod: s.pod,
        pod_ip: Some(s.pod_ip),
        host_ip: Some(s.host_ip),
    }
}

/// The image is there: the environment is resolved and the container created.
fn create(ctx: &mut Ctx, s: &Step, c: &mut Container) -> bool {
    let resolved = env::resolve(&sources(ctx, s), s.spec);
    match resolved {
        Err(message) => {
            emit(ctx, s.pod, true, "Failed", format!("Error: {message}"));
            let retry = ctx.now + RESYNC;
            pull::wait(ctx, c, "CreateContainerConfigError", message, retry, None);
            false
        }
        Ok(env) => {
            let message = format!("Created container: {}", s.spec.name);
            emit(ctx, s.pod, false, "Created", message);
            let until = ctx.now + ctx.timings.container_start;
            ctx.wake_at(until);
            c.state = State::Creating { until, env };
            until <= ctx.now
        }
    }
}

/// The container's process starts: what it will do is planned from the image's
/// behaviour and the command.
fn start(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container) {
    let env = match &mut c.state {
        State::Creating { env, .. } => std::mem::take(env),
        _ => return,
    };
    let now = ctx.now;
    c.runs += 1;
    if c.runs > 1 {
        c.restart_count += 1;
    }
    let uid = s.uid().to_owned();
    let container_id = format!(
        "containerd://{}",
        hex_id(&format!("{uid}/{}/{}", s.spec.name, c.runs))
    );
    let reference = s.spec.image.as_deref().unwrap_or_default();
    let image = pull::lookup(reference);
    let expand = |words: &Option<Vec<String>>| -> Option<Vec<String>> {
        words
            .as_ref()
            .map(|w| w.iter().map(|x| env::expand(x, &env)).collect())
    };
    let (command, args) = (expand(&s.spec.command), expand(&s.spec.args));
    let mut listens = Vec::new();
    let mut plan = match image {
        Some(image)
            if !image.needs_env.is_empty()
                && !image
                    .needs_env
                    .iter()
                    .any(|v| env.iter().any(|(n, _)| n == v)) =>
        {
            let lines = logs::missing_env(image);
            Plan {
                lines: lines
                    .into_iter()
                    .map(|l| (SignedDuration::ZERO, l))
                    .collect(),
                files: Vec::new(),
                end: Some((GIVE_UP, 1)),
            }
        }
        Some(image) if image.behaviour == Behaviour::Shell => {
            // Upstream: `command` replaces the entrypoint, `args` the image's `CMD`
            // (a shell, `sh`, for these images).
            let argv = match (command, args) {
                (Some(mut command), args) => {
                    command.extend(args.unwrap_or_default());
                    command
                }
                (None, Some(args)) => args,
                (None, None) => vec!["sh".to_owned()],
            };
            match s.spec.stdin == Some(true) && ExecSession::is_interactive(&argv) {
                // A shell given standard input waits on it (`kubectl run -it -- sh`).
                true => Plan::default(),
                false => command::plan(&argv, &env),
            }
        }
        Some(image) => {
            // A server runs whatever its command says (simplified: it always serves).
            let tag = rules::catalog::parse(reference).tag_or_latest().to_owned();
            listens.extend(image.ports.iter().copied());
            for port in s.spec.ports.iter().flatten() {
                let tcp = port.protocol.as_deref().unwrap_or("TCP") == "TCP";
                if let Ok(p) = u16::try_from(port.container_port) {
                    if tcp && !listens.contains(&p) {
                        listens.push(p);
                    }
                }
            }
            let mut plan = Plan::default();
            for line in logs::startup(image, &tag, now, s.pod_ip) {
                plan.lines.push((SignedDuration::ZERO, line));
            }
            if let Behaviour::Batch { secs, code } = image.behaviour {
                let after = SignedDuration::from_secs(i64::from(secs));
                plan.lines
                    .extend(logs::batch_end(code).into_iter().map(|l| (after, l)));
                plan.end = Some((after, code));
            }
            if let Behaviour::Crashes { after_secs } = image.behaviour {
                let after = SignedDuration::from_secs(i64::from(after_secs));
                plan.lines
                    .extend(logs::crash().into_iter().map(|l| (after, l)));
                plan.end = Some((after, 2));
            }
            plan
        }
        None => Plan::exits(0),
    };
    node.logs.begin(&uid, &s.spec.name);
    // Moved, not copied: the log is where the lines are read from; the run keeps only
    // what is still to come of the plan (its files and its end).
    for (offset, line) in std::mem::take(&mut plan.lines) {
        node.logs.push(&uid, &s.spec.name, now + offset, line);
    }
    let probes = Probes::new(s.spec, now);
    let started = !probes.gated();
    let ready = started && !probes.has_readiness();
    let bind_at = now + SignedDuration::from_millis(i64::from(image.map_or(0, |i| i.start_ms)));
    ctx.wake_at(bind_at);
    if let Some((offset, _)) = plan.end {
        ctx.wake_at(now + offset);
    }
    if let Some(at) = probes.next_due() {
        ctx.wake_at(at);
    }
    emit(
        ctx,
        s.pod,
        false,
        "Started",
        format!("Started container {}", s.spec.name),
    );
    c.state = State::Running(Box::new(Run {
        since: now,
        container_id,
        plan,
        listens,
        bind_at,
        bound: false,
        started,
        ready,
        probes,
        env,
        layer: Default::default(),
    }));
    post_start(ctx, node, s, c);
}

/// The postStart hook runs once the process started; when it fails the kubelet
/// kills the container, which restarts as its policy says.
fn post_start(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container) {
    let Some(handler) = s
        .spec
        .lifecycle
        .as_ref()
        .and_then(|l| l.post_start.as_ref())
    else {
        return;
    };
    let State::Running(run) = &mut c.state else {
        return;
    };
    let at = super::exec::InContainer {
        store: &*ctx.store,
        pod: s.pod,
        container: s.spec,
        pod_ip: s.pod_ip,
        run,
        now: ctx.now,
    };
    match hooks::run(handler, &at) {
        Ok(ran) => run.layer.merge(ran.wrote),
        Err(message) => {
            emit(ctx, s.pod, true, "FailedPostStartHook", message);
            emit(
                ctx,
                s.pod,
                false,
                "Killing",
                "FailedPostStartHook".to_owned(),
            );
            let now = ctx.now;
            end(ctx, node, s, c, 137, now);
        }
    }
}

/// A running container: it binds its ports, its process may end, its probes run.
fn running(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container) -> bool {
    let now = ctx.now;
    let uid = s.uid().to_owned();
    let name = s.spec.name.as_str();
    let image = pull::lookup(s.spec.image.as_deref().unwrap_or_default());
    let State::Running(run) = &mut c.state else {
        return false;
    };
    if !run.bound && run.bind_at <= now {
        // Upstream has no rule here: two processes of one network namespace race for
        // a port, and the one that binds second fails. Earlier containers bind first.
        if let Some(&port) = run.listens.iter().find(|p| s.taken.contains(p)) {
            for line in logs::bind_failed(image, port, now) {
                node.logs.push(&uid, name, now, line);
            }
            end(ctx, node, s, c, 1, now);
            return true;
        }
        run.bound = true;
    }
    if let Some((offset, code)) = run.plan.end {
        let at = run.since + offset;
        if at <= now {
            end(ctx, node, s, c, code, at);
            return true;
        }
    }
    if !run.probes.next_due().is_some_and(|t| t <= now) {
        return false;
    }
    let target = Target {
        pod_ip: s.pod_ip,
        image,
        ports: s.spec.ports.as_deref().unwrap_or_default(),
    };
    let outcome = probes::run_due(ctx, s.pod, s.spec, run, &target);
    for (path, status) in outcome.served {
        if let Some(line) = logs::access(image, s.host_ip, &path, status, now) {
            node.logs.push(&uid, name, now, line);
        }
    }
    match outcome.kill {
        Some(probe) => {
            let message = format!("Container {name} failed {probe} probe, will be restarted");
            emit(ctx, s.pod, false, "Killing", message);
            // Killed: SIGTERM, then SIGKILL after the grace period, taken as at once.
            end(ctx, node, s, c, 137, now);
            true
        }
        None => false,
    }
}

/// The process ended with `code` at `at`.
fn end(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container, code: i32, at: Timestamp) {
    let State::Running(run) = &c.state else {
        return;
    };
    node.logs.cut(s.uid(), &s.spec.name, at);
    let exit = Exit::new(code, run.since, at, &run.container_id);
    ctx.wake_at(at + RELIST);
    c.state = State::Exited(exit);
}

/// The kubelet noticed the exit: done, or a restart now or after the back-off.
fn exited(ctx: &mut Ctx, node: &mut Node, s: &Step, c: &mut Container) -> bool {
    let State::Exited(exit) = &c.state else {
        return false;
    };
    let exit = exit.clone();
    let restart = match (s.init, s.policy) {
        (_, "Never") => false,
        (true, _) => exit.code != 0,
        (false, "OnFailure") => exit.code != 0,
        (false, _) => true,
    };
    if !restart {
        return false;
    }
    let now = ctx.now;
    c.before_last = c.last.replace(exit.clone());
    if c.crash_backoff.in_backoff_since(exit.finished_at, now) {
        let delay = c.crash_backoff.delay().unwrap_or_default();
        let name = &s.spec.name;
        let pod = s.pod_label();
        let message = format!(
            "back-off {} restarting failed container={name} pod={pod}",
            go_duration(delay)
        );
        emit(
            ctx,
            s.pod,
            true,
            "BackOff",
            format!("Back-off restarting failed container {name} in pod {pod}"),
        );
        // The seed's "failed to restart container" (重新启动容器失败) event.
        emit(
            ctx,
            s.pod,
            true,
            "Failed",
            format!("failed to restart container \"{name}\": {message}"),
        );
        pull::wait(
            ctx,
            c,
            "CrashLoopBackOff",
            message,
            exit.finished_at + delay,
            None,
        );
        return false;
    }
    c.crash_backoff.next(exit.finished_at);
    // Restarting: the image step runs again (a re-pull under `Always`).
    pull::ensure(node.images, ctx, s.pod, s.spec, c) && create(ctx, s, c)
}
