//! The admission chain, as the API server's: what every create and update from a
//! client passes before it is stored (the target namespace exists, the object keeps its
//! kind's field rules, shared with the form, upstream's owner reference rules, and on
//! update what may not change), and
//! the quota admission that every create passes, the controllers' too. The store only
//! stores.

pub(crate) mod immutable;
mod names;
mod owners;
pub(crate) mod pod_update;
mod scheduling_directives;
pub(crate) mod service_addresses;

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Namespace, ServiceAccount};
use k8s_openapi::jiff::Timestamp;

use crate::quota::Charges;
use crate::store::{key_of, resource_name, Object, Store};
use crate::{Error, FieldError};

/// Creates `obj` once quota admits it, charging the quotas what it uses so that the
/// next create sees it at once (upstream's `ResourceQuota` admission plugin): the one
/// way clients and controllers create.
pub(crate) fn create<K: Object>(
    store: &mut Store,
    mut obj: K,
    now: Timestamp,
) -> Result<Arc<K>, Error> {
    generate_free_name(store, &mut obj);
    // Controllers' objects get upstream's defaults as a client's do.
    obj.prepare();
    let causes = names::errors(&obj);
    if !causes.is_empty() {
        let name = obj.metadata().name.clone().unwrap_or_default();
        let kind = K::KIND.to_owned();
        return Err(Error::Invalid { kind, name, causes });
    }
    let charges = admit_create(store, &obj)?;
    let created = store.create(obj, now)?;
    crate::quota::charge(store, charges);
    Ok(created)
}

/// How many names a create from `generateName` tries before it gives up with the
/// name taken (upstream's `RetryGenerateName`, on by default since 1.32).
const GENERATE_ATTEMPTS: usize = 8;

/// Fills an unnamed object's name from its `generateName`, trying another random
/// suffix while the name is taken.
pub(crate) fn generate_free_name<K: Object>(store: &mut Store, obj: &mut K) {
    if !obj
        .metadata()
        .name
        .as_deref()
        .unwrap_or_default()
        .is_empty()
    {
        return;
    }
    for _ in 0..GENERATE_ATTEMPTS {
        obj.metadata_mut().name = None;
        store.generate_name(obj);
        let (namespace, name) = key_of(obj);
        if store.get::<K>(&namespace, &name).is_none() {
            return;
        }
    }
}

/// What a create must pass besides the object's own rules, as a dry run checks it too:
/// its name free (answered before quota), then every quota of its namespace.
pub(crate) fn admit_create<K: Object>(store: &Store, obj: &K) -> Result<Charges, Error> {
    let (namespace, name) = key_of(obj);
    if !name.is_empty() && store.get::<K>(&namespace, &name).is_some() {
        return Err(Error::AlreadyExists {
            kind: resource_name::<K>(),
            name,
        });
    }
    let terminating = store
        .get::<Namespace>("", &namespace)
        .is_some_and(|ns| ns.metadata.deletion_timestamp.is_some());
    if K::NAMESPACED && terminating {
        // Upstream's `NamespaceLifecycle` admission plugin.
        return Err(Error::Forbidden {
            kind: resource_name::<K>(),
            name,
            message: format!(
                "unable to create new content in namespace {namespace} because it is being terminated"
            ),
        });
    }
    if let Some(account) = obj.service_account() {
        if store.get::<ServiceAccount>(&namespace, account).is_none() {
            return Err(Error::Forbidden {
                kind: resource_name::<K>(),
                name,
                message: format!(
                    "error looking up service account {namespace}/{account}: serviceaccount \"{account}\" not found"
                ),
            });
        }
    }
    crate::quota::admit(store, obj, &namespace, &name)
}

/// Admits `obj`, answering the rules' warnings; an error if a rule is broken or the
/// namespace is missing.
pub fn admit<K: Object>(store: &Store, obj: &K) -> Result<Vec<FieldError>, Error> {
    let meta = obj.metadata();
    let name = meta.name.clone().unwrap_or_default();
    let mut context = rules::Context::default();
    if K::NAMESPACED {
        let namespace = meta.namespace.as_deref().unwrap_or_default();
        if let Some(ns) = store.get::<Namespace>("", namespace) {
            let labels = ns.metadata.labels.as_ref();
            context.gpu_namespace = labels.is_some_and(rules::workload::is_gpu_namespace);
        } else if rules::dns_label(namespace).is_ok() {
            return Err(Error::NotFound {
                kind: resource_name::<Namespace>(),
                name: namespace.to_owned(),
            });
        }
    }
    let findings = obj.validate(context);
    let convert = |errors: Vec<rules::FieldError>| -> Vec<FieldError> {
        errors
            .into_iter()
            .map(|e| FieldError {
                field: e.path,
                message: e.violation.to_string(),
            })
            .collect()
    };
    let rules = convert(findings.errors);
    // The workload kinds' field rules check the name too, as the form does.
    let mut errors: Vec<FieldError> = names::errors(obj)
        .into_iter()
        .filter(|n| !rules.iter().any(|r| r.field == n.field))
        .collect();
    errors.extend(rules);
    errors.extend(owners::check(meta));
    if !errors.is_empty() {
        return Err(Error::Invalid {
            kind: K::KIND.to_owned(),
            name,
            causes: errors,
        });
    }
    Ok(convert(findings.warnings))
}

/// Readies a client's replacement of a stored object for admission: upstream's
/// `PrepareForUpdate`, then what it keeps of the stored object when the body leaves it
/// out ([`Object::prepare_update`]).
pub fn prepare_update<K: Object>(store: &Store, obj: &mut K) {
    obj.prepare();
    let (namespace, name) = key_of(obj);
    if let Some(old) = store.get::<K>(&namespace, &name) {
        obj.prepare_update(&old);
    }
}

/// Admits an update of `obj`: its rules as [`admit`] checks them, and what upstream's
/// update validation keeps from changing (against the stored object).
pub fn admit_update<K: Object>(store: &Store, obj: &K) -> Result<Vec<FieldError>, Error> {
    let (namespace, name) = key_of(obj);
    let frozen = store
        .get::<K>(&namespace, &name)
        .map(|old| obj.validate_update(&old))
        .unwrap_or_default();
    match admit(store, obj) {
        Err(Error::Invalid {
            kind,
            name,
            mut causes,
        }) => {
            causes.extend(frozen);
            Err(Error::Invalid { kind, name, causes })
        }
        Ok(_) if !frozen.is_empty() => Err(Error::Invalid {
            kind: K::KIND.to_owned(),
            name,
            causes: frozen,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::ConfigMap;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    use k8s_openapi::jiff::Timestamp;

    use crate::store::Store;

    fn config_map(name: Option<&str>, generate: Option<&str>) -> ConfigMap {
        ConfigMap {
            metadata: ObjectMeta {
                name: name.map(str::to_owned),
                generate_name: generate.map(str::to_owned),
                namespace: Some("default".to_owned()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_generated_name_that_is_taken_is_drawn_again() {
        let now = Timestamp::UNIX_EPOCH;
        // Two stores with one seed draw the same names: the first tells which name
        // the second will generate first.
        let mut probe = Store::new(9);
        probe
            .create(config_map(Some("first"), None), now)
            .expect("create");
        let mut drawn = config_map(None, Some("web-"));
        probe.generate_name(&mut drawn);
        let taken = drawn.metadata.name.expect("a generated name");

        let mut store = Store::new(9);
        store
            .create(config_map(Some(&taken), None), now)
            .expect("the name the next generateName draws");
        let created = super::create(&mut store, config_map(None, Some("web-")), now)
            .expect("created under another name");
        let name = created.metadata.name.clone().expect("name");
        assert!(name.starts_with("web-") && name.len() == 9, "{name}");
        assert_ne!(name, taken);
    }
}
