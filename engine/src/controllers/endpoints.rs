//! The endpoints controller, as upstream's: each Service with a selector has an
//! `Endpoints` object of the same name listing its pods' addresses — ready pods under
//! `addresses`, the others under `notReadyAddresses` — on the ports the Service's
//! `targetPort`s resolve to in each pod. A Service without a selector is left to its
//! clients; the Endpoints of a deleted Service go with it.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{
    EndpointAddress, EndpointPort, EndpointSubset, Endpoints, ObjectReference, Pod, Service,
    ServicePort,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::queue::Queue;
use super::Ctx;
use crate::pod_state;
use crate::selector::map_selects;
use crate::store::{key_of, ObjectKey};

/// Upstream's annotation on the Endpoints it writes: when the change it reflects
/// happened. Its presence also marks the Endpoints as this controller's.
pub const TRIGGER_TIME_ANNOTATION: &str = "endpoints.kubernetes.io/last-change-trigger-time";
/// The label upstream puts on the Endpoints of a headless Service.
const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";

/// One pass over the Services the changes since the previous pass touch: a changed
/// Service or Endpoints, and the Services selecting a changed pod (before or after).
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let keys = match queue.begin(ctx.store) {
        None => every_key(ctx),
        Some(since) => touched(ctx, since),
    };
    for (namespace, name) in keys {
        sync(ctx, &namespace, &name);
    }
}

/// Every Service, and every Endpoints this controller wrote (its Service may be gone).
fn every_key(ctx: &Ctx) -> BTreeSet<ObjectKey> {
    let services = ctx.store.list::<Service>(None).map(|s| key_of(&**s));
    let ours = ctx
        .store
        .list::<Endpoints>(None)
        .filter(|e| ours(e))
        .map(|e| key_of(&**e));
    services.chain(ours).collect()
}

fn touched(ctx: &Ctx, since: u64) -> BTreeSet<ObjectKey> {
    let store = &*ctx.store;
    let mut keys: BTreeSet<ObjectKey> = store
        .recent_changes::<Service>(since)
        .iter()
        .map(|c| key_of(&*c.object))
        .chain(
            store
                .recent_changes::<Endpoints>(since)
                .iter()
                .map(|c| key_of(&*c.object)),
        )
        .collect();
    for change in store.recent_changes::<Pod>(since) {
        let namespace = change
            .object
            .metadata
            .namespace
            .as_deref()
            .unwrap_or_default();
        let versions = [Some(&*change.object), change.previous.as_deref()];
        for svc in store.list::<Service>(Some(namespace)) {
            let selector = svc.spec.as_ref().and_then(|s| s.selector.as_ref());
            let selects = |pod: &Pod| {
                selector
                    .is_some_and(|s| !s.is_empty() && map_selects(s, pod.metadata.labels.as_ref()))
            };
            if versions.iter().flatten().any(|p| selects(p)) {
                keys.insert(key_of(&**svc));
            }
        }
    }
    keys
}

/// Brings one Service's Endpoints in line: written from its pods, or removed with it.
fn sync(ctx: &mut Ctx, namespace: &str, name: &str) {
    match ctx.store.get::<Service>(namespace, name) {
        Some(svc) => {
            if let Some(wanted) = desired(ctx, &svc) {
                write(ctx, wanted);
            }
        }
        None => {
            let stale = ctx
                .store
                .get::<Endpoints>(namespace, name)
                .is_some_and(|e| ours(&e));
            if stale {
                let _ = ctx.store.remove::<Endpoints>(namespace, name);
            }
        }
    }
}

/// Endpoints this controller wrote: they carry its trigger-time annotation.
fn ours(endpoints: &Endpoints) -> bool {
    endpoints
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(TRIGGER_TIME_ANNOTATION))
}

/// The Endpoints a Service with a selector should have.
fn desired(ctx: &Ctx, svc: &Service) -> Option<Endpoints> {
    let spec = svc.spec.as_ref()?;
    // An ExternalName is a DNS name elsewhere: it has no endpoints, selector or not.
    if spec.type_.as_deref() == Some("ExternalName") {
        return None;
    }
    let selector = spec.selector.as_ref().filter(|s| !s.is_empty())?;
    let namespace = svc.metadata.namespace.clone().unwrap_or_default();
    let publish_not_ready = spec.publish_not_ready_addresses == Some(true);
    let service_ports = spec.ports.as_deref().unwrap_or_default();
    let service_name = svc.metadata.name.as_deref().unwrap_or_default();
    // Addresses grouped by the ports they serve (upstream's `RepackSubsets`).
    let mut subsets: BTreeMap<Vec<PortKey>, (Vec<EndpointAddress>, Vec<EndpointAddress>)> =
        BTreeMap::new();
    for pod in ctx.store.list::<Pod>(Some(&namespace)) {
        if !map_selects(selector, pod.metadata.labels.as_ref()) {
            continue;
        }
        let Some(address) = address(pod, service_name, publish_not_ready) else {
            continue;
        };
        let ports: Vec<PortKey> = service_ports
            .iter()
            .filter_map(|sp| Some(PortKey::new(sp, resolve(pod, sp)?)))
            .collect();
        if ports.is_empty() && !service_ports.is_empty() {
            continue;
        }
        let (ready, not_ready) = subsets.entry(ports).or_default();
        if pod_state::is_ready(pod) || publish_not_ready {
            ready.push(address);
        } else {
            not_ready.push(address);
        }
    }
    let subsets: Vec<EndpointSubset> = subsets
        .into_iter()
        .map(|(ports, (mut ready, mut not_ready))| {
            ready.sort_by(|a, b| a.ip.cmp(&b.ip));
            not_ready.sort_by(|a, b| a.ip.cmp(&b.ip));
            EndpointSubset {
                addresses: Some(ready).filter(|a| !a.is_empty()),
                not_ready_addresses: Some(not_ready).filter(|a| !a.is_empty()),
                ports: Some(ports.into_iter().map(PortKey::into_port).collect())
                    .filter(|p: &Vec<EndpointPort>| !p.is_empty()),
            }
        })
        .collect();
    let mut labels = svc.metadata.labels.clone().unwrap_or_default();
    if spec.cluster_ip.as_deref() == Some("None") {
        labels.insert(HEADLESS_LABEL.to_owned(), String::new());
    }
    Some(Endpoints {
        metadata: ObjectMeta {
            name: svc.metadata.name.clone(),
            namespace: Some(namespace),
            labels: Some(labels).filter(|l| !l.is_empty()),
            ..Default::default()
        },
        subsets: Some(subsets).filter(|s| !s.is_empty()),
    })
}

/// A pod's address, if it belongs in the Endpoints (upstream's
/// `ShouldPodBeInEndpoints`): it has an IP, has not finished, and is not terminating
/// unless the Service publishes not-ready addresses.
fn address(pod: &Pod, service: &str, publish_not_ready: bool) -> Option<EndpointAddress> {
    let ip = pod
        .status
        .as_ref()?
        .pod_ip
        .clone()
        .filter(|ip| !ip.is_empty())?;
    if matches!(pod_state::phase(pod), "Succeeded" | "Failed")
        || (pod_state::is_terminating(pod) && !publish_not_ready)
    {
        return None;
    }
    let spec = pod.spec.as_ref();
    // A pod's hostname is its DNS name under the Service it names as its subdomain.
    let hostname = spec
        .filter(|s| s.subdomain.as_deref() == Some(service))
        .and_then(|s| s.hostname.clone());
    Some(EndpointAddress {
        ip,
        hostname,
        node_name: spec.and_then(|s| s.node_name.clone()),
        target_ref: Some(ObjectReference {
            kind: Some("Pod".to_owned()),
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            ..Default::default()
        }),
    })
}

/// The pod's port for a Service port (upstream's `podutil.FindPort`): a number is
/// itself, a name is the container port of that name and protocol; unset is `port`.
fn resolve(pod: &Pod, sp: &ServicePort) -> Option<i32> {
    match &sp.target_port {
        None | Some(IntOrString::Int(0)) => Some(sp.port),
        Some(IntOrString::Int(n)) => Some(*n),
        Some(IntOrString::String(name)) => {
            let protocol = sp.protocol.as_deref().unwrap_or("TCP");
            pod.spec
                .as_ref()?
                .containers
                .iter()
                .flat_map(|c| c.ports.iter().flatten())
                .find(|p| {
                    p.name.as_deref() == Some(name.as_str())
                        && p.protocol.as_deref().unwrap_or("TCP") == protocol
                })
                .map(|p| p.container_port)
        }
    }
}

/// An endpoint port, orderable so that pods serving the same ports share a subset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct PortKey {
    name: Option<String>,
    port: i32,
    protocol: String,
    app_protocol: Option<String>,
}

impl PortKey {
    fn new(sp: &ServicePort, port: i32) -> Self {
        PortKey {
            name: sp.name.clone(),
            port,
            protocol: sp.protocol.clone().unwrap_or_else(|| "TCP".to_owned()),
            app_protocol: sp.app_protocol.clone(),
        }
    }

    fn into_port(self) -> EndpointPort {
        EndpointPort {
            name: self.name,
            port: self.port,
            protocol: Some(self.protocol),
            app_protocol: self.app_protocol,
        }
    }
}

/// Creates or updates the Endpoints when its subsets or labels differ.
fn write(ctx: &mut Ctx, mut wanted: Endpoints) {
    let (ns, name) = key_of(&wanted);
    let current = ctx.store.get::<Endpoints>(&ns, &name);
    if let Some(current) = &current {
        if current.subsets == wanted.subsets && current.metadata.labels == wanted.metadata.labels {
            return;
        }
    }
    let stamp = ctx.now.to_string();
    let result = match current {
        Some(current) => {
            let mut updated = (*current).clone();
            updated.subsets = wanted.subsets;
            updated.metadata.labels = wanted.metadata.labels;
            updated
                .metadata
                .annotations
                .get_or_insert_with(Default::default)
                .insert(TRIGGER_TIME_ANNOTATION.to_owned(), stamp);
            updated.metadata.resource_version = None;
            ctx.store.update(updated).map(drop)
        }
        None => {
            wanted.metadata.annotations = Some(BTreeMap::from([(
                TRIGGER_TIME_ANNOTATION.to_owned(),
                stamp,
            )]));
            ctx.create(wanted).map(drop)
        }
    };
    if let Err(e) = result {
        tracing::warn!("writing endpoints {ns}/{name}: {e}");
    }
}
