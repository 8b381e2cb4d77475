//! Service addresses: a ClusterIP from the service range for every Service but an
//! ExternalName (intranet access), and an external address for a LoadBalancer
//! (internet access), as the API server's IP allocator and a cloud's load-balancer
//! controller give them.

use std::collections::HashSet;

use k8s_openapi::api::core::v1::{LoadBalancerIngress, LoadBalancerStatus, Service, ServiceStatus};

use super::queue::Queue;
use super::Ctx;
use crate::admission::service_addresses::needs_cluster_ip;
use crate::store::{key_of, EventType};

/// ClusterIPs from `10.96.0.0/16` (kubeadm's range, narrowed), skipping `10.96.0.1`,
/// which upstream keeps for the API server's own Service.
fn cluster_addresses() -> impl Iterator<Item = String> {
    (0..=255u32)
        .flat_map(|a| (1..=254u32).map(move |b| format!("10.96.{a}.{b}")))
        .skip(1)
}

/// External addresses from `203.0.113.0/24` (TEST-NET-3, never routed).
fn external_addresses() -> impl Iterator<Item = String> {
    (1..=254u32).map(|a| format!("203.0.113.{a}"))
}

/// Whether a Service still lacks an address it should have.
fn needs_addresses(svc: &Service) -> bool {
    let spec = svc.spec.as_ref();
    spec.is_some_and(|s| needs_cluster_ip(s) && s.cluster_ip.is_none())
        || (spec.and_then(|s| s.type_.as_deref()) == Some("LoadBalancer")
            && external_ip(svc).is_none())
}

/// The external address a load balancer gave the Service (an empty
/// `status.loadBalancer`, which every new Service has, is none).
fn external_ip(svc: &Service) -> Option<&str> {
    svc.status
        .as_ref()?
        .load_balancer
        .as_ref()?
        .ingress
        .as_ref()?
        .first()?
        .ip
        .as_deref()
}

/// Gives addresses to the Services that lack them; a pass with no such Service among
/// the changes since the previous one costs nothing.
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let wanted = match queue.begin(ctx.store) {
        None => true,
        Some(since) => ctx
            .store
            .recent_changes::<Service>(since)
            .iter()
            .any(|c| c.kind != EventType::Deleted && needs_addresses(&c.object)),
    };
    if !wanted {
        return;
    }
    let mut cluster_ips: HashSet<String> = HashSet::new();
    let mut external_ips: HashSet<String> = HashSet::new();
    let mut pending = Vec::new();
    for svc in ctx.store.list::<Service>(None) {
        let spec = svc.spec.clone().unwrap_or_default();
        cluster_ips.extend(spec.cluster_ip.clone());
        external_ips.extend(external_ip(svc).map(str::to_owned));
        if needs_addresses(svc) {
            pending.push(key_of(&**svc));
        }
    }
    for (ns, name) in pending {
        let Some(current) = ctx.store.get::<Service>(&ns, &name) else {
            continue;
        };
        let mut svc = (*current).clone();
        let spec = svc.spec.get_or_insert_with(Default::default);
        if spec.cluster_ip.is_none() && needs_cluster_ip(spec) {
            let Some(ip) = free(cluster_addresses(), &mut cluster_ips) else {
                tracing::warn!("no ClusterIP left for service {ns}/{name}");
                continue;
            };
            spec.cluster_ips = Some(vec![ip.clone()]);
            spec.cluster_ip = Some(ip);
        }
        let wants_external = spec.type_.as_deref() == Some("LoadBalancer");
        if wants_external && external_ip(&svc).is_none() {
            if let Some(ip) = free(external_addresses(), &mut external_ips) {
                svc.status = Some(ServiceStatus {
                    load_balancer: Some(LoadBalancerStatus {
                        ingress: Some(vec![LoadBalancerIngress {
                            ip: Some(ip),
                            ..Default::default()
                        }]),
                    }),
                    ..Default::default()
                });
            } else {
                tracing::warn!("no external address left for service {ns}/{name}");
            }
        }
        svc.metadata.resource_version = None;
        if let Err(e) = ctx.store.update(svc) {
            tracing::warn!("assigning addresses to service {ns}/{name}: {e}");
        }
    }
}

/// The first of `candidates` not yet `taken`, which it then takes.
fn free(
    mut candidates: impl Iterator<Item = String>,
    taken: &mut HashSet<String>,
) -> Option<String> {
    let ip = candidates.find(|ip| !taken.contains(ip))?;
    taken.insert(ip.clone());
    Some(ip)
}
