//! Probes on virtual time, with all five parameters, evaluated against what the image
//! does (its catalog behaviour):
//! - HTTP GET: refused on a port the container does not listen on (yet); a web image
//!   answers 200 on any path (so probes pass), a TCP-only image gives no HTTP answer,
//!   a hung image times out, a slow one fails when slower than `timeoutSeconds`.
//! - TCP: succeeds when the port is open.
//! - exec: the container shell's rules (`command.rs`): succeeds unless the command is
//!   `false`, an `exit N` with N ≠ 0, or a `cat`/`test` of a file the container removed.
//!
//! Each probe runs `initialDelaySeconds` after the start, then every `periodSeconds`;
//! a startup probe holds the others back until it succeeds, after which they run at
//! once. A probe's answer is known when it is sent: `timeoutSeconds` only decides
//! whether a slow answer counts. Thresholds count consecutive results, as upstream's
//! prober worker does.

use k8s_openapi::api::core::v1::{Container as Spec, ContainerPort, Pod, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::{SignedDuration, Timestamp};
use rules::catalog::{Behaviour, Image};

use super::super::Ctx;
use super::container::Run;
use super::events::emit;
use crate::store::Store;

/// One probe's schedule and its run of equal results.
#[derive(Debug, Clone, Copy)]
struct Runner {
    next: Timestamp,
    last: Option<bool>,
    run: i32,
}

/// The probes of one container run.
#[derive(Debug, Clone, Default)]
pub(super) struct Probes {
    startup: Option<Runner>,
    liveness: Option<Runner>,
    readiness: Option<Runner>,
}

/// What a probe reaches: the pod's address and what the image does there.
pub(super) struct Target<'a> {
    /// The pod's IP.
    pub pod_ip: &'a str,
    /// The catalog entry of the container's image.
    pub image: Option<&'static Image>,
    /// The container's declared ports, for named probe ports.
    pub ports: &'a [ContainerPort],
}

/// What one probe round came to.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// The container must be killed: `liveness` or `startup` failed.
    pub kill: Option<&'static str>,
    /// HTTP requests the container answered: (path, status), for its access log.
    pub served: Vec<(String, u16)>,
}

fn delay(seconds: Option<i32>, default: i32) -> SignedDuration {
    SignedDuration::from_secs(i64::from(seconds.unwrap_or(default).max(0)))
}

impl Probes {
    /// The probes of `spec`, first due `initialDelaySeconds` after `since`.
    pub(super) fn new(spec: &Spec, since: Timestamp) -> Self {
        let runner = |p: &Option<Probe>| {
            p.as_ref().map(|p| Runner {
                next: since + delay(p.initial_delay_seconds, 0),
                last: None,
                run: 0,
            })
        };
        Probes {
            startup: runner(&spec.startup_probe),
            liveness: runner(&spec.liveness_probe),
            readiness: runner(&spec.readiness_probe),
        }
    }

    /// The container has a startup probe still to pass.
    pub(super) fn gated(&self) -> bool {
        self.startup.is_some()
    }

    /// The container has a readiness probe.
    pub(super) fn has_readiness(&self) -> bool {
        self.readiness.is_some()
    }

    /// When a probe is next due.
    pub(super) fn next_due(&self) -> Option<Timestamp> {
        match self.startup {
            Some(s) => Some(s.next),
            None => [self.liveness, self.readiness]
                .into_iter()
                .flatten()
                .map(|r| r.next)
                .min(),
        }
    }
}

/// Runs every probe of `run` due at `ctx.now`, updating `started` and `ready`.
pub(super) fn run_due(
    ctx: &mut Ctx,
    pod: &Pod,
    spec: &Spec,
    run: &mut Run,
    target: &Target,
) -> Outcome {
    let mut outcome = Outcome::default();
    let now = ctx.now;
    let kinds = [
        ("Startup", spec.startup_probe.as_ref()),
        ("Liveness", spec.liveness_probe.as_ref()),
        ("Readiness", spec.readiness_probe.as_ref()),
    ];
    for (kind, probe) in kinds {
        let Some(probe) = probe else { continue };
        let runner = match kind {
            "Startup" => run.probes.startup,
            "Liveness" if !run.probes.gated() => run.probes.liveness,
            "Readiness" if !run.probes.gated() => run.probes.readiness,
            _ => None,
        };
        let Some(mut runner) = runner.filter(|r| r.next <= now) else {
            continue;
        };
        let result = check(probe, target, run, now, &*ctx.store, pod, spec);
        let ok = match result {
            Ok(status) => {
                if let Some(path) = probe.http_get.as_ref().map(|h| h.path.clone()) {
                    outcome
                        .served
                        .push((path.unwrap_or_else(|| "/".to_owned()), status));
                }
                true
            }
            Err(output) => {
                let message = format!("{kind} probe failed: {output}");
                emit(ctx, pod, true, "Unhealthy", message);
                false
            }
        };
        if runner.last == Some(ok) {
            runner.run += 1;
        } else {
            runner.last = Some(ok);
            runner.run = 1;
        }
        let period = delay(probe.period_seconds, 10).max(SignedDuration::from_secs(1));
        runner.next = (runner.next + period).max(now + SignedDuration::from_millis(1));
        ctx.wake_at(runner.next);
        let needed = if ok {
            probe.success_threshold.unwrap_or(1)
        } else {
            probe.failure_threshold.unwrap_or(3)
        };
        let decided = runner.run >= needed.max(1);
        match kind {
            "Startup" if decided && ok => {
                run.probes.startup = None;
                run.started = true;
                // The others were held back: they run now (later in this loop), unless
                // still in their initial delay.
                for r in [&mut run.probes.liveness, &mut run.probes.readiness]
                    .into_iter()
                    .flatten()
                {
                    r.next = r.next.max(now);
                }
                if !run.probes.has_readiness() {
                    run.ready = true;
                }
                continue;
            }
            "Startup" => run.probes.startup = Some(runner),
            "Liveness" => run.probes.liveness = Some(runner),
            _ => run.probes.readiness = Some(runner),
        }
        match kind {
            "Readiness" if decided => run.ready = ok,
            "Startup" | "Liveness" if decided && !ok => {
                outcome.kill = Some(if kind == "Startup" {
                    "startup"
                } else {
                    "liveness"
                });
                return outcome;
            }
            _ => {}
        }
    }
    outcome
}

/// One probe against the container: the HTTP status it got, or the failure output as
/// the kubelet reports it.
fn check(
    probe: &Probe,
    target: &Target,
    run: &Run,
    now: Timestamp,
    store: &Store,
    pod: &Pod,
    spec: &Spec,
) -> Result<u16, String> {
    let ip = target.pod_ip;
    let timeout = delay(probe.timeout_seconds, 1).max(SignedDuration::from_secs(1));
    let open = |port: u16| run.bound && run.listens.contains(&port);
    let port_of = |port: &IntOrString| match port {
        IntOrString::Int(n) => u16::try_from(*n).map_err(|_| format!("invalid port {n}")),
        IntOrString::String(name) => target
            .ports
            .iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .and_then(|p| u16::try_from(p.container_port).ok())
            .ok_or_else(|| format!("unable to find port {name:?}")),
    };
    if let Some(http) = &probe.http_get {
        let port = port_of(&http.port)?;
        let host = http.host.as_deref().unwrap_or(ip);
        let scheme = http
            .scheme
            .as_deref()
            .unwrap_or("HTTP")
            .to_ascii_lowercase();
        let path = http.path.as_deref().unwrap_or("/");
        let url = format!("{scheme}://{host}:{port}{path}");
        if !open(port) {
            return Err(format!(
                "Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"
            ));
        }
        let deadline = || {
            format!(
                "Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
            )
        };
        let behaviour = target.image.map(|i| i.behaviour);
        return match behaviour {
            Some(Behaviour::NeverReady) => Err(deadline()),
            Some(Behaviour::Slow { millis }) if i128::from(millis) > timeout.as_millis() => {
                Err(deadline())
            }
            Some(Behaviour::Tcp) | Some(Behaviour::Shell) | None => {
                Err(format!("Get \"{url}\": EOF"))
            }
            _ if scheme == "https" => Err(format!(
                "Get \"{url}\": http: server gave HTTP response to HTTPS client"
            )),
            Some(Behaviour::HealthyFor { secs })
                if now.duration_since(run.since) >= SignedDuration::from_secs(i64::from(secs)) =>
            {
                Err("HTTP probe failed with statuscode: 500".to_owned())
            }
            // The image's own pages: nginx has `/`, not `/healthz`.
            _ if target.image.is_some_and(|i| !i.serves(path)) => {
                Err("HTTP probe failed with statuscode: 404".to_owned())
            }
            _ => Ok(200),
        };
    }
    if let Some(tcp) = &probe.tcp_socket {
        let port = port_of(&tcp.port)?;
        let host = tcp.host.as_deref().unwrap_or(ip);
        return if open(port) {
            Ok(0)
        } else {
            Err(format!(
                "dial tcp {host}:{port}: connect: connection refused"
            ))
        };
    }
    if let Some(exec) = &probe.exec {
        let argv = exec.command.clone().unwrap_or_default();
        let place = super::exec::InContainer {
            store,
            pod,
            container: spec,
            pod_ip: ip,
            run,
            now,
        };
        let (code, output) = super::exec::probe(&place, &argv, timeout);
        return if code == 0 { Ok(0) } else { Err(output) };
    }
    if let Some(grpc) = &probe.grpc {
        let port = u16::try_from(grpc.port).unwrap_or(0);
        return Err(if open(port) {
            "rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health"
                .to_owned()
        } else {
            format!("timeout: failed to connect service \"{ip}:{port}\" within 1s: context deadline exceeded")
        });
    }
    Ok(0)
}
