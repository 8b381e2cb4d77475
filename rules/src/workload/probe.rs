//! Health checks and lifecycle hooks: one handler each, and the parameter minimums of
//! upstream's `validateProbe` (SPEC §1.2).

use crate::walk::At;
use crate::{Findings, Violation};

/// The three probes a container may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeKind {
    /// Restarts the container when it fails.
    Liveness,
    /// Takes the pod out of service when it fails.
    Readiness,
    /// Holds the other probes back until the container has started.
    Startup,
}

impl ProbeKind {
    /// Every kind, in the form's order.
    pub const ALL: [ProbeKind; 3] = [
        ProbeKind::Liveness,
        ProbeKind::Readiness,
        ProbeKind::Startup,
    ];

    /// The container field holding this probe.
    pub fn field(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "livenessProbe",
            ProbeKind::Readiness => "readinessProbe",
            ProbeKind::Startup => "startupProbe",
        }
    }
}

/// A probe parameter: its field, Kubernetes' default and the smallest value allowed.
pub struct ProbeParameter {
    /// The probe field (`periodSeconds`).
    pub field: &'static str,
    /// What Kubernetes uses when it is left out.
    pub default: i64,
    /// The smallest value accepted.
    pub min: i64,
}

/// The parameters of every probe, with their defaults and minimums.
pub const PROBE_DEFAULTS: [ProbeParameter; 5] = [
    ProbeParameter {
        field: "initialDelaySeconds",
        default: 0,
        min: 0,
    },
    ProbeParameter {
        field: "periodSeconds",
        default: 10,
        min: 1,
    },
    ProbeParameter {
        field: "timeoutSeconds",
        default: 1,
        min: 1,
    },
    ProbeParameter {
        field: "successThreshold",
        default: 1,
        min: 1,
    },
    ProbeParameter {
        field: "failureThreshold",
        default: 3,
        min: 1,
    },
];

/// Checks one probe of `kind`.
pub(super) fn validate(probe: &At, kind: ProbeKind, findings: &mut Findings) {
    if !probe.present() {
        return;
    }
    handler(probe, &["httpGet", "tcpSocket", "exec", "grpc"], findings);
    for parameter in &PROBE_DEFAULTS {
        super::at_least(&probe.field(parameter.field), parameter.min, findings);
    }
    let success = probe.field("successThreshold");
    if kind != ProbeKind::Readiness && success.int().is_some_and(|n| n != 1) {
        findings.error(success.path, Violation::MustBeOne);
    }
}

/// Checks a lifecycle hook (postStart, preStop).
pub(super) fn hook(hook: &At, findings: &mut Findings) {
    if hook.present() {
        handler(hook, &["httpGet", "tcpSocket", "exec", "sleep"], findings);
    }
}

/// Exactly one of `kinds` must be set, and the one that is must be complete.
fn handler(at: &At, kinds: &[&str], findings: &mut Findings) {
    let set: Vec<At> = kinds
        .iter()
        .map(|k| at.field(k))
        .filter(At::present)
        .collect();
    if set.len() != 1 {
        findings.error(&at.path, Violation::OneHandler);
        return;
    }
    let handler = &set[0];
    if handler.path.ends_with("exec") {
        let command = handler.field("command");
        if command.items().is_empty() {
            findings.error(command.path, Violation::Required);
        }
        return;
    }
    if handler.path.ends_with("httpGet") {
        let scheme = handler.field("scheme");
        if let Some(s) = scheme.str().filter(|s| !["HTTP", "HTTPS"].contains(s)) {
            findings.error(
                scheme.path,
                Violation::Unsupported {
                    value: s.to_owned(),
                    allowed: &["HTTP", "HTTPS"],
                },
            );
        }
    }
    if handler.path.ends_with("httpGet") || handler.path.ends_with("tcpSocket") {
        super::container::port_reference(&handler.field("port"), findings);
    }
}
