//! One container: name, image, pull policy, ports, resources, probes, hooks, env and
//! mounts (SPEC §1.2, seed 004).

use std::collections::BTreeSet;

use crate::walk::At;
use crate::{dns_label, quantity, Findings, Violation};

use super::probe::{self, ProbeKind};

const PULL_POLICIES: [&str; 3] = ["IfNotPresent", "Always", "Never"];
const PROTOCOLS: [&str; 3] = ["TCP", "UDP", "SCTP"];
/// The pod fields an env var may read (upstream's `validEnvDownwardAPIFieldPathExpressions`).
pub const FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// What the pod-level checks need from each container.
pub(super) struct Seen {
    /// The container's name.
    pub name: String,
    /// The (port, protocol) pairs it listens on, with each port's path.
    pub ports: Vec<(i64, String, String)>,
}

/// Checks one container; `init` for an init container.
pub(super) fn validate(
    container: &At,
    init: bool,
    volumes: &BTreeSet<String>,
    findings: &mut Findings,
) -> Seen {
    let name = container.field("name");
    findings.check(&name.path, dns_label(name.str().unwrap_or_default()));
    let image = container.field("image");
    if image.str().unwrap_or_default().trim().is_empty() {
        findings.error(image.path, Violation::Required);
    }
    one_of(
        &container.field("imagePullPolicy"),
        &PULL_POLICIES,
        findings,
    );
    let ports = ports(&container.field("ports"), findings);
    resources(&container.field("resources"), findings);
    if !init {
        for kind in ProbeKind::ALL {
            probe::validate(&container.field(kind.field()), kind, findings);
        }
    }
    let lifecycle = container.field("lifecycle");
    probe::hook(&lifecycle.field("postStart"), findings);
    probe::hook(&lifecycle.field("preStop"), findings);
    super::security::validate(&container.field("securityContext"), false, findings);
    for var in container.field("env").items() {
        env_var(&var, findings);
    }
    for mount in container.field("volumeMounts").items() {
        let name = mount.field("name");
        if !volumes.contains(name.str().unwrap_or_default()) {
            findings.error(name.path, Violation::UnknownVolume);
        }
        let path = mount.field("mountPath");
        match path.str() {
            None | Some("") => findings.error(path.path, Violation::Required),
            Some(p) if !p.starts_with('/') => findings.error(path.path, Violation::NotAbsolute),
            Some(_) => {}
        }
    }
    Seen {
        name: name.str().unwrap_or_default().to_owned(),
        ports,
    }
}

/// Records an error if the text at `at` is not one of `allowed`.
pub(crate) fn one_of(at: &At, allowed: &'static [&'static str], findings: &mut Findings) {
    if let Some(value) = at.str().filter(|v| !allowed.contains(v)) {
        findings.error(
            &at.path,
            Violation::Unsupported {
                value: value.to_owned(),
                allowed,
            },
        );
    }
}

fn ports(ports: &At, findings: &mut Findings) -> Vec<(i64, String, String)> {
    let mut seen = Vec::new();
    for port in ports.items() {
        let number = port.field("containerPort");
        match number.int() {
            Some(n) if (1..=65535).contains(&n) => {
                let protocol = port.field("protocol").str().unwrap_or("TCP").to_owned();
                seen.push((n, protocol, number.path.clone()));
            }
            Some(_) => findings.error(number.path, Violation::Between { min: 1, max: 65535 }),
            None => findings.error(number.path, Violation::Required),
        }
        let name = port.field("name");
        if let Some(n) = name.str() {
            findings.check(&name.path, port_name(n));
        }
        one_of(&port.field("protocol"), &PROTOCOLS, findings);
    }
    seen
}

/// Upstream's IANA service name rule for port names.
pub fn port_name(name: &str) -> Result<(), Violation> {
    let ok = !name.is_empty()
        && name.len() <= 15
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.contains("--")
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Violation::PortName)
    }
}

/// A probe's port: a number 1–65535 or a port name.
pub(crate) fn port_reference(port: &At, findings: &mut Findings) {
    match (port.int(), port.str()) {
        (Some(n), _) if !(1..=65535).contains(&n) => {
            findings.error(&port.path, Violation::Between { min: 1, max: 65535 })
        }
        (Some(_), _) => {}
        (None, Some(name)) => findings.check(&port.path, port_name(name)),
        (None, None) => findings.error(&port.path, Violation::Required),
    }
}

/// Checks requests and limits.
fn resources(resources: &At, findings: &mut Findings) {
    let requests = resources.field("requests");
    let limits = resources.field("limits");
    for (_, value) in requests.entries().into_iter().chain(limits.entries()) {
        if let Err(e) = quantity::parse(value.str().unwrap_or_default()) {
            findings.error(value.path, e);
        }
    }
    for resource in ["cpu", "memory"] {
        let request = requests.field(resource);
        let limit = limits.field(resource);
        let read = |at: &At| at.str().and_then(|q| quantity::parse(q).ok());
        if let (Some(r), Some(l)) = (read(&request), read(&limit)) {
            if r > l {
                findings.error(
                    request.path,
                    Violation::RequestOverLimit {
                        resource: resource.to_owned(),
                    },
                );
            }
        }
    }
}

/// Whether a container's `resources.limits` ask for a GPU (of any vendor).
pub(super) fn uses_gpu(limits: &At) -> bool {
    limits.entries().iter().any(|(key, value)| {
        key.ends_with("/gpu")
            && value
                .str()
                .and_then(|q| quantity::parse(q).ok())
                .is_some_and(|n| n > 0.0)
    })
}

fn env_var(var: &At, findings: &mut Findings) {
    let name = var.field("name");
    findings.check(&name.path, env_name(name.str().unwrap_or_default()));
    let from = var.field("valueFrom");
    if !from.present() {
        return;
    }
    let sources: Vec<At> = [
        "fieldRef",
        "configMapKeyRef",
        "secretKeyRef",
        "resourceFieldRef",
    ]
    .iter()
    .map(|k| from.field(k))
    .filter(At::present)
    .collect();
    if sources.len() != 1 || var.field("value").str().is_some_and(|v| !v.is_empty()) {
        findings.error(from.path, Violation::OneSource);
        return;
    }
    let source = &sources[0];
    if source.path.ends_with("fieldRef") {
        one_of(&source.field("fieldPath"), &FIELD_PATHS, findings);
        return;
    }
    for key in ["name", "key"] {
        let at = source.field(key);
        if at.str().unwrap_or_default().is_empty() && !source.path.ends_with("resourceFieldRef") {
            findings.error(at.path, Violation::Required);
        }
    }
}

/// Upstream's environment variable name rule (`C_IDENTIFIER` widened with `-` and `.`).
pub fn env_name(name: &str) -> Result<(), Violation> {
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Violation::EnvName)
    }
}
