//! Lifecycle hooks as the kubelet runs them (`pkg/kubelet/lifecycle/handlers.go`):
//! `exec` through the same shell a person gets, `httpGet` against the container's
//! ports, `sleep`. What a hook writes stays in the container's file system.

use k8s_openapi::api::core::v1::LifecycleHandler;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::SignedDuration;

use super::exec::{self, InContainer, Layer};

/// A hook that ran to its end.
#[derive(Default)]
pub(super) struct Ran {
    /// What it wrote to the container's file system.
    pub wrote: Layer,
    /// How long it took (its `sleep`s).
    pub took: SignedDuration,
}

/// Runs `handler` in the container; a failure is the kubelet's message for its
/// `FailedPostStartHook` or `FailedPreStopHook` event.
pub(super) fn run(handler: &LifecycleHandler, at: &InContainer) -> Result<Ran, String> {
    let container = &at.container.name;
    let pod = super::events::pod_label(at.pod);
    if let Some(action) = &handler.exec {
        let argv = action.command.clone().unwrap_or_default();
        let ran = exec::hook(at, &argv);
        if ran.code != 0 {
            // `RunInContainer`'s error, then the output as `%q`.
            return Err(format!(
                "Exec lifecycle hook ([{}]) for Container {container:?} in Pod {pod:?} failed - error: command '{}' exited with {}: {}, message: {:?}",
                argv.join(" "),
                argv.join(" "),
                ran.code,
                ran.stderr,
                ran.output,
            ));
        }
        return Ok(Ran {
            wrote: ran.wrote,
            took: ran.took,
        });
    }
    if let Some(http) = &handler.http_get {
        let port = match &http.port {
            IntOrString::Int(n) => u16::try_from(*n).ok(),
            IntOrString::String(name) => at
                .container
                .ports
                .iter()
                .flatten()
                .find(|p| p.name.as_deref() == Some(name.as_str()))
                .and_then(|p| u16::try_from(p.container_port).ok()),
        }
        .unwrap_or(0);
        let host = http.host.as_deref().unwrap_or(at.pod_ip);
        let path = http.path.as_deref().unwrap_or("/");
        // Upstream takes any answer as success, a 404 too; only no answer fails.
        if !at.run.listens.contains(&port) {
            return Err(format!(
                "HTTP lifecycle hook ({path}) for Container {container:?} in Pod {pod:?} failed - error: Get \"http://{host}:{port}{path}\": dial tcp {host}:{port}: connect: connection refused"
            ));
        }
        return Ok(Ran::default());
    }
    let took = handler.sleep.as_ref().map_or(SignedDuration::ZERO, |s| {
        SignedDuration::from_secs(s.seconds)
    });
    Ok(Ran {
        wrote: Layer::default(),
        took,
    })
}
