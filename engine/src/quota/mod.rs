//! Namespace ResourceQuota: the quota admission that every create passes (upstream's
//! `ResourceQuota` admission plugin), with the usage it charges at once so that creates
//! in a row see each other; the quota controller (`controllers::resource_quota`)
//! recounts `status.used` from what exists.

pub mod usage;

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ResourceQuota, ResourceQuotaStatus};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::store::{resource_name, Object, ObjectKey, Store};
use crate::Error;
use usage::Usage;

/// What an admitted create adds to each quota's `status.used`.
pub(crate) type Charges = Vec<(ObjectKey, Usage)>;

/// A quota's limits, in base units.
pub fn hard_of(quota: &ResourceQuota) -> Usage {
    quota
        .spec
        .as_ref()
        .and_then(|s| s.hard.as_ref())
        .into_iter()
        .flatten()
        .map(|(k, q)| (k.clone(), usage::amount(k, q)))
        .collect()
}

/// Amounts as a quota's `status.hard`/`status.used` hold them.
pub fn quantities(amounts: &Usage) -> BTreeMap<String, Quantity> {
    amounts
        .iter()
        .map(|(k, v)| (k.clone(), Quantity(usage::format(k, *v))))
        .collect()
}

/// Upstream's `prettyPrint`: `name=value` pairs in name order, joined by commas.
fn pretty(amounts: &Usage) -> String {
    amounts
        .iter()
        .map(|(k, v)| format!("{k}={}", usage::format(k, *v)))
        .collect::<Vec<_>>()
        .join(",")
}

/// What the namespace's objects use of each of `resources` now.
pub(crate) fn measure(store: &Store, namespace: &str, resources: &[String]) -> Usage {
    use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
    use k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret, Service};
    fn add<K: Object<Form = std::sync::Arc<K>>>(
        store: &Store,
        namespace: &str,
        resources: &[String],
        used: &mut Usage,
    ) {
        for obj in store.list::<K>(Some(namespace)) {
            for r in resources {
                let n = usage::object_usage(&**obj, r);
                if n != 0 {
                    *used.entry(r.clone()).or_default() += n;
                }
            }
        }
    }
    let mut used: Usage = resources.iter().map(|r| (r.clone(), 0)).collect();
    add::<Pod>(store, namespace, resources, &mut used);
    let counted = |kind: &str| resources.iter().any(|r| r.ends_with(kind));
    if counted("deployments.apps") {
        add::<Deployment>(store, namespace, resources, &mut used);
    }
    if counted("replicasets.apps") {
        add::<ReplicaSet>(store, namespace, resources, &mut used);
    }
    if counted("statefulsets.apps") {
        add::<StatefulSet>(store, namespace, resources, &mut used);
    }
    if counted("daemonsets.apps") {
        add::<DaemonSet>(store, namespace, resources, &mut used);
    }
    if counted("services") {
        add::<Service>(store, namespace, resources, &mut used);
    }
    if counted("configmaps") {
        add::<ConfigMap>(store, namespace, resources, &mut used);
    }
    if counted("secrets") {
        add::<Secret>(store, namespace, resources, &mut used);
    }
    used
}

/// Checks the create of `obj` (named `name`) in `namespace` against every quota there,
/// answering what it charges each; upstream's 403 Forbidden when a container leaves
/// a constrained resource unset or a quota would be exceeded.
pub(crate) fn admit<K: Object>(
    store: &Store,
    obj: &K,
    namespace: &str,
    name: &str,
) -> Result<Charges, Error> {
    if !K::NAMESPACED || K::KIND == "ResourceQuota" || K::KIND == "Event" {
        return Ok(Vec::new());
    }
    let forbidden = |message: String| Error::Forbidden {
        kind: resource_name::<K>(),
        name: name.to_owned(),
        message,
    };
    let pod = (obj as &dyn std::any::Any).downcast_ref::<k8s_openapi::api::core::v1::Pod>();
    let mut charges = Vec::new();
    for quota in store.list::<ResourceQuota>(Some(namespace)) {
        let quota_name = quota.metadata.name.clone().unwrap_or_default();
        let hard = hard_of(quota);
        // A quota on a compute resource needs every container to state it
        // (upstream's pod `Constraints`).
        if let Some(pod) = pod {
            let missing: Vec<&str> = hard
                .keys()
                .filter(|r| usage::needs_container_value(r))
                .filter(|r| !usage::containers_missing(pod, r).is_empty())
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                return Err(forbidden(format!(
                    "failed quota: {quota_name}: must specify {}",
                    missing.join(",")
                )));
            }
        }
        let delta: Usage = hard
            .keys()
            .map(|r| (r.clone(), usage::object_usage(obj, r)))
            .filter(|(_, n)| *n != 0)
            .collect();
        if delta.is_empty() {
            continue;
        }
        let recorded: Usage = quota
            .status
            .as_ref()
            .and_then(|s| s.used.as_ref())
            .into_iter()
            .flatten()
            .map(|(k, q)| (k.clone(), usage::amount(k, q)))
            .collect();
        let unknown: Vec<String> = delta
            .keys()
            .filter(|r| !recorded.contains_key(*r))
            .cloned()
            .collect();
        let mut used = recorded;
        used.extend(measure(store, namespace, &unknown));
        let exceeded: Vec<&String> = delta
            .iter()
            .filter(|(r, n)| used.get(*r).copied().unwrap_or(0) + **n > hard[*r])
            .map(|(r, _)| r)
            .collect();
        if !exceeded.is_empty() {
            let pick = |amounts: &Usage| -> Usage {
                exceeded
                    .iter()
                    .map(|r| ((*r).clone(), amounts.get(*r).copied().unwrap_or(0)))
                    .collect()
            };
            return Err(forbidden(format!(
                "exceeded quota: {quota_name}, requested: {}, used: {}, limited: {}",
                pretty(&pick(&delta)),
                pretty(&pick(&used)),
                pretty(&pick(&hard)),
            )));
        }
        let key = (namespace.to_owned(), quota_name);
        charges.push((key, delta));
    }
    Ok(charges)
}

/// Adds an admitted create's charges to the quotas' `status.used` (upstream's admission
/// writes the new usage before the object is stored).
pub(crate) fn charge(store: &mut Store, charges: Charges) {
    for ((namespace, name), delta) in charges {
        let Some(quota) = store.get::<ResourceQuota>(&namespace, &name) else {
            continue;
        };
        let mut used: Usage = quota
            .status
            .as_ref()
            .and_then(|s| s.used.as_ref())
            .into_iter()
            .flatten()
            .map(|(k, q)| (k.clone(), usage::amount(k, q)))
            .collect();
        for (r, n) in delta {
            *used.entry(r).or_default() += n;
        }
        let mut next = (*quota).clone();
        next.metadata.resource_version = None;
        let status = next.status.get_or_insert_with(ResourceQuotaStatus::default);
        status.used = Some(quantities(&used));
        if let Err(e) = store.update(next) {
            tracing::warn!("charging quota {namespace}/{name}: {e}");
        }
    }
}
