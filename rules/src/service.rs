//! The rules of the Service the wizard creates for intranet or internet access.

use serde_json::Value;

use crate::walk::At;
use crate::workload::container::{one_of, port_reference};
use crate::{dns_1035_label, dns_subdomain, Findings, Violation};

/// Upstream's `supportedServiceType`, in the order its message lists them.
const TYPES: [&str; 4] = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

/// Every broken rule of a Service manifest.
pub fn validate_service(manifest: &Value) -> Findings {
    let mut findings = Findings::default();
    let root = At::root(manifest);
    let name = root.field("metadata").field("name");
    findings.check(&name.path, dns_1035_label(name.str().unwrap_or_default()));
    let spec = root.field("spec");
    let kind = spec.field("type");
    one_of(&kind, &TYPES, &mut findings);
    let external = kind.str() == Some("ExternalName");
    if external {
        external_name(&spec, &mut findings);
    }
    // A headless Service or an ExternalName may have no ports (upstream's
    // `ValidateService`).
    let headless = spec.field("clusterIP").str() == Some("None");
    let ports = spec.field("ports");
    if ports.items().is_empty() && !headless && !external {
        findings.error(&ports.path, Violation::Required);
    }
    for port in ports.items() {
        let number = port.field("port");
        match number.int() {
            Some(n) if (1..=65535).contains(&n) => {}
            Some(_) => findings.error(number.path, Violation::Between { min: 1, max: 65535 }),
            None if number.present() => findings.error(number.path, Violation::WholeNumber),
            None => findings.error(number.path, Violation::Required),
        }
        let target = port.field("targetPort");
        if target.present() {
            port_reference(&target, &mut findings);
        }
    }
    findings
}

/// An ExternalName Service names a host (a DNS subdomain, a final dot allowed) and
/// has no cluster IP.
fn external_name(spec: &At, findings: &mut Findings) {
    let name = spec.field("externalName");
    match name.str().map(|n| n.strip_suffix('.').unwrap_or(n)) {
        None | Some("") => findings.error(&name.path, Violation::Required),
        Some(host) => findings.check(&name.path, dns_subdomain(host)),
    }
    for field in ["clusterIP", "clusterIPs"] {
        let ip = spec.field(field);
        let given = match ip.items().as_slice() {
            [] => ip.str().is_some_and(|s| !s.is_empty()),
            _ => true,
        };
        if given {
            findings.error(&ip.path, Violation::NotForExternalName);
        }
    }
}

/// Warns of each target port of `service` that none of the containers of `pod_spec`
/// declares, by number or by name. A pod whose containers declare no ports at all says
/// nothing of where it listens, so it gets no warning.
pub fn check_target_ports(service: &Value, pod_spec: &Value) -> Findings {
    let mut findings = Findings::default();
    let declared: Vec<&Value> = pod_spec["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["ports"].as_array().into_iter().flatten())
        .collect();
    if declared.is_empty() {
        return findings;
    }
    let root = At::root(service);
    for port in root.field("spec").field("ports").items() {
        let target = port.field("targetPort");
        let matches = |p: &&Value| match (target.int(), target.str()) {
            (Some(n), _) => p["containerPort"].as_i64() == Some(n),
            (None, Some(name)) => p["name"] == name,
            (None, None) => true,
        };
        if !declared.iter().any(matches) {
            let port = target
                .int()
                .map(|n| n.to_string())
                .or_else(|| target.str().map(str::to_owned))
                .unwrap_or_default();
            findings.warning(target.path, Violation::NoContainerPort { port });
        }
    }
    findings
}
