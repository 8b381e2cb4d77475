//! The pod template: its containers together (unique names, one GPU user, shared
//! ports), volumes and DNS settings.

use std::collections::BTreeSet;

use crate::walk::At;
use crate::{Findings, Violation};

use super::container::{self, one_of};
use super::Context;

const DNS_POLICIES: [&str; 4] = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
/// The pod types (SPEC §1.1): general-purpose, RDMA-accelerated, GPU-accelerated.
pub const POD_TYPES: [&str; 3] = [super::DEFAULT_POD_TYPE, "rdma", "gpu"];

/// Checks a pod spec whose template declares `pod_type`.
/// Upstream's `ValidatePodSpec` basics, which a bare Pod keeps too: at least one
/// container, each with a name (a DNS label, unique in the pod) and an image.
pub(super) fn containers_named(spec: &At, findings: &mut Findings) {
    let containers = spec.field("containers");
    if containers.items().is_empty() {
        findings.error(&containers.path, Violation::NoContainers);
    }
    let mut names = std::collections::BTreeSet::new();
    for container in ["initContainers", "containers"]
        .iter()
        .flat_map(|list| spec.field(list).items())
    {
        let name = container.field("name");
        match name.str().unwrap_or_default() {
            "" => findings.error(&name.path, Violation::Required),
            text => {
                findings.check(&name.path, crate::dns_label(text));
                if !names.insert(text.to_owned()) {
                    findings.error(&name.path, Violation::Duplicate(text.to_owned()));
                }
            }
        }
        let image = container.field("image");
        if image.str().unwrap_or_default().trim().is_empty() {
            findings.error(image.path, Violation::Required);
        }
    }
}

pub(super) fn validate(spec: &At, pod_type: &str, context: Context, findings: &mut Findings) {
    if !POD_TYPES.contains(&pod_type) {
        findings.error(
            super::pod_type_path(),
            Violation::Unsupported {
                value: pod_type.to_owned(),
                allowed: &POD_TYPES,
            },
        );
    }
    // The GPU-accelerated type exists only in GPU namespaces (SPEC §1.1), as the form
    // offers it.
    if pod_type == "gpu" && !context.gpu_namespace {
        findings.error(super::pod_type_path(), Violation::GpuNotAllowed);
    }
    let volumes = super::volume::validate(&spec.field("volumes"), findings);
    let containers = spec.field("containers");
    if containers.items().is_empty() {
        findings.error(&containers.path, Violation::NoContainers);
    }
    let init: Vec<_> = spec
        .field("initContainers")
        .items()
        .iter()
        .map(|c| (c.clone(), container::validate(c, true, &volumes, findings)))
        .collect();
    let main: Vec<_> = containers
        .items()
        .iter()
        .map(|c| (c.clone(), container::validate(c, false, &volumes, findings)))
        .collect();
    let mut names = BTreeSet::new();
    for (at, seen) in init.iter().chain(&main) {
        if !seen.name.is_empty() && !names.insert(seen.name.clone()) {
            findings.error(
                at.field("name").path,
                Violation::Duplicate(seen.name.clone()),
            );
        }
    }
    gpu(spec, pod_type, context, findings);
    shared_ports(&main, findings);
    flavour(&containers, pod_type, findings);
    dns(spec, findings);
}

/// The GPU rules (SPEC §1.2, seed 000): one container at most asks for a GPU, and only
/// in a GPU-accelerated pod of a GPU namespace.
pub(super) fn gpu(spec: &At, pod_type: &str, context: Context, findings: &mut Findings) {
    let gpu_limits: Vec<At> = ["initContainers", "containers"]
        .iter()
        .flat_map(|list| spec.field(list).items())
        .map(|c| c.field("resources").field("limits"))
        .filter(container::uses_gpu)
        .collect();
    for limits in gpu_limits.iter().skip(1) {
        findings.error(&limits.path, Violation::OneGpuContainer);
    }
    if let Some(limits) = gpu_limits.first() {
        if pod_type != "gpu" || !context.gpu_namespace {
            findings.error(&limits.path, Violation::GpuNotAllowed);
        }
    }
}

/// Two containers of one pod on one port: allowed by the API, but the pod fails to
/// start (as the seed describes), so the form warns.
fn shared_ports(main: &[(At, container::Seen)], findings: &mut Findings) {
    for (i, (_, seen)) in main.iter().enumerate() {
        for (port, protocol, path) in &seen.ports {
            let other = main[..i].iter().find(|(_, earlier)| {
                earlier
                    .ports
                    .iter()
                    .any(|(p, proto, _)| p == port && proto == protocol)
            });
            if let Some((_, other)) = other {
                findings.warning(
                    path,
                    Violation::PortInUse {
                        port: *port,
                        protocol: protocol.clone(),
                        other: other.name.clone(),
                    },
                );
            }
        }
    }
}

fn dns(spec: &At, findings: &mut Findings) {
    let policy = spec.field("dnsPolicy");
    one_of(&policy, &DNS_POLICIES, findings);
    let config = spec.field("dnsConfig");
    let servers = config.field("nameservers");
    if servers.items().len() > 3 {
        findings.error(&servers.path, Violation::TooMany { max: 3 });
    }
    let searches = config.field("searches");
    if searches.items().len() > 32 {
        findings.error(&searches.path, Violation::TooMany { max: 32 });
    }
    if policy.str() == Some("None") && servers.items().is_empty() {
        findings.error(servers.path, Violation::Required);
    }
}

/// The main containers' limits add up to a flavour of the pod type; a pod with no
/// limits at all gets the smallest flavour, so it passes.
fn flavour(containers: &At, pod_type: &str, findings: &mut Findings) {
    let Some((cpu, memory, gpu)) = containers.value.and_then(crate::flavour::pod_limits) else {
        return;
    };
    if crate::flavour::matching(pod_type, cpu, memory, gpu).is_none() {
        let gib = format!("{:.2}", memory / 1_073_741_824.0);
        findings.error(
            super::pod_type_path(),
            Violation::NoFlavour {
                cpu: format!("{cpu}"),
                memory_gib: gib.trim_end_matches('0').trim_end_matches('.').to_owned(),
            },
        );
    }
}
