//! What a container can reach: the names cluster DNS answers (the Services) and what
//! answers at each address (the image of the pod behind it).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Endpoints, Pod, Service};
use rules::catalog::Image;

use crate::store::Store;

/// The cluster's DNS domain.
pub(super) const DOMAIN: &str = "cluster.local";

/// The image a pod runs (its first container's).
fn image_of(pod: &Pod) -> Option<&'static Image> {
    let container = pod.spec.as_ref()?.containers.first()?;
    rules::catalog::find(container.image.as_deref()?)
}

/// What answers at each pod IP and Service cluster IP.
pub(super) fn servers(store: &Store) -> BTreeMap<String, Option<&'static Image>> {
    let mut servers = BTreeMap::new();
    for pod in store.list::<Pod>(None) {
        if let Some(ip) = pod.status.as_ref().and_then(|s| s.pod_ip.clone()) {
            servers.insert(ip, image_of(pod));
        }
    }
    for service in store.list::<Service>(None) {
        let Some(ip) = service.spec.as_ref().and_then(|s| s.cluster_ip.clone()) else {
            continue;
        };
        let namespace = service.metadata.namespace.as_deref().unwrap_or_default();
        let name = service.metadata.name.as_deref().unwrap_or_default();
        let backend = store
            .get::<Endpoints>(namespace, name)
            .and_then(|e| {
                let address = e
                    .subsets
                    .iter()
                    .flatten()
                    .flat_map(|s| s.addresses.iter().flatten())
                    .next()?
                    .clone();
                let pod = address.target_ref?.name?;
                store.get::<Pod>(namespace, &pod)
            })
            .and_then(|pod| image_of(&pod));
        servers.insert(ip, backend);
    }
    servers
}

/// Every Service with a cluster IP, by its fully qualified name.
pub(super) fn service_names(store: &Store) -> BTreeMap<String, String> {
    store
        .list::<Service>(None)
        .filter_map(|s| {
            let ip = s
                .spec
                .as_ref()?
                .cluster_ip
                .clone()
                .filter(|ip| ip != "None")?;
            let name = s.metadata.name.as_deref()?;
            let namespace = s.metadata.namespace.as_deref()?;
            Some((format!("{name}.{namespace}.svc.{DOMAIN}"), ip))
        })
        .collect()
}
