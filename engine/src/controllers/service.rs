//! Service addresses: a ClusterIP from the service range for every Service (intranet
//! access), and an external address for a LoadBalancer (internet access), as the
//! API server's IP allocator and a cloud's load-balancer controller give them.

use std::collections::HashSet;

use k8s_openapi::api::core::v1::{LoadBalancerIngress, LoadBalancerStatus, Service, ServiceStatus};

use super::Ctx;
use crate::store::key_of;

/// The cluster's service range, `10.96.0.0/16` (as kubeadm's default, narrowed).
const CLUSTER_PREFIX: &str = "10.96";
/// External addresses come from `203.0.113.0/24` (TEST-NET-3, never routed).
const EXTERNAL_PREFIX: &str = "203.0.113";

pub(crate) fn sync_all(ctx: &mut Ctx) {
    let mut cluster_ips: HashSet<String> = HashSet::new();
    let mut external_ips: HashSet<String> = HashSet::new();
    let mut pending = Vec::new();
    for svc in ctx.store.list::<Service>(None) {
        let spec = svc.spec.clone().unwrap_or_default();
        cluster_ips.extend(spec.cluster_ip.clone());
        let ingress = svc
            .status
            .as_ref()
            .and_then(|s| s.load_balancer.as_ref())
            .and_then(|lb| lb.ingress.as_ref())
            .and_then(|i| i.first())
            .and_then(|i| i.ip.clone());
        external_ips.extend(ingress.clone());
        let wants_external = spec.type_.as_deref() == Some("LoadBalancer") && ingress.is_none();
        if spec.cluster_ip.is_none() || wants_external {
            pending.push(key_of(&**svc));
        }
    }
    for (ns, name) in pending {
        let Some(current) = ctx.store.get::<Service>(&ns, &name) else {
            continue;
        };
        let mut svc = (*current).clone();
        let spec = svc.spec.get_or_insert_with(Default::default);
        if spec.cluster_ip.is_none() {
            let ip = free(CLUSTER_PREFIX, 2, &cluster_ips);
            cluster_ips.insert(ip.clone());
            spec.cluster_ips = Some(vec![ip.clone()]);
            spec.cluster_ip = Some(ip);
        }
        if spec.type_.as_deref() == Some("LoadBalancer") {
            let ip = free(EXTERNAL_PREFIX, 3, &external_ips);
            external_ips.insert(ip.clone());
            svc.status = Some(ServiceStatus {
                load_balancer: Some(LoadBalancerStatus {
                    ingress: Some(vec![LoadBalancerIngress {
                        ip: Some(ip),
                        ..Default::default()
                    }]),
                }),
                ..Default::default()
            });
        }
        svc.metadata.resource_version = None;
        if let Err(e) = ctx.store.update(svc) {
            tracing::warn!("assigning addresses to service {ns}/{name}: {e}");
        }
    }
}

/// The first address under `prefix` (two or three octets) not in `taken`.
fn free(prefix: &str, octets: usize, taken: &HashSet<String>) -> String {
    let candidates: Box<dyn Iterator<Item = String>> = if octets == 2 {
        Box::new(
            (0..=255u32).flat_map(move |a| (1..=254u32).map(move |b| format!("{prefix}.{a}.{b}"))),
        )
    } else {
        Box::new((1..=254u32).map(move |a| format!("{prefix}.{a}")))
    };
    candidates
        .filter(|ip| !ip.ends_with(".0.1") || octets != 2)
        .find(|ip| !taken.contains(ip))
        .unwrap_or_else(|| format!("{prefix}.255.255"))
}
