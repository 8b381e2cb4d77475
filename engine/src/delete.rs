//! Deletion as the API server does it: pods on a node end gracefully, the rest at once
//! unless a finalizer (foreground or orphan propagation) holds them.

use std::sync::Arc;

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{DeleteOptions, ObjectMeta, Time};
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use crate::store::{Object, Store};
use crate::{Error, FieldError};

/// The grace period of a pod that names none (`terminationGracePeriodSeconds` default).
pub const DEFAULT_GRACE_SECONDS: i64 = 30;

/// How a kind is deleted.
pub trait Deletable: Object {
    /// The grace period to wait for, or `None` to remove the object at once.
    fn grace_seconds(&self, _requested: Option<i64>) -> Option<i64> {
        None
    }

    /// Whether something besides `metadata.finalizers` keeps the object once deleted
    /// (a namespace's `spec.finalizers`, until its content is gone).
    fn held(&self) -> bool {
        false
    }
}

impl Deletable for Pod {
    /// A pod not yet on a node has nothing to stop and goes at once (upstream's
    /// `podStrategy.CheckGracefulDelete`).
    fn grace_seconds(&self, requested: Option<i64>) -> Option<i64> {
        let spec = self.spec.as_ref()?;
        spec.node_name.as_ref()?;
        let grace = requested
            .or(spec.termination_grace_period_seconds)
            .unwrap_or(DEFAULT_GRACE_SECONDS);
        (grace > 0).then_some(grace)
    }
}

impl Deletable for k8s_openapi::api::apps::v1::Deployment {}
impl Deletable for k8s_openapi::api::apps::v1::ReplicaSet {}
impl Deletable for k8s_openapi::api::apps::v1::StatefulSet {}
impl Deletable for k8s_openapi::api::apps::v1::DaemonSet {}
impl Deletable for k8s_openapi::api::apps::v1::ControllerRevision {}
impl Deletable for k8s_openapi::api::core::v1::Namespace {
    /// Its `kubernetes` finalizer: the namespace controller deletes what it holds
    /// first (upstream's namespace lifecycle).
    fn held(&self) -> bool {
        self.spec
            .as_ref()
            .and_then(|s| s.finalizers.as_ref())
            .is_some_and(|f| !f.is_empty())
    }
}
impl Deletable for k8s_openapi::api::core::v1::Event {}
impl Deletable for k8s_openapi::api::core::v1::Node {}
impl Deletable for k8s_openapi::api::core::v1::Service {}
impl Deletable for k8s_openapi::api::core::v1::Endpoints {}
impl Deletable for k8s_openapi::api::core::v1::ConfigMap {}
impl Deletable for k8s_openapi::api::core::v1::Secret {}
impl Deletable for k8s_openapi::api::core::v1::ServiceAccount {}
impl Deletable for k8s_openapi::api::core::v1::ResourceQuota {}
impl Deletable for k8s_openapi::api::rbac::v1::Role {}
impl Deletable for k8s_openapi::api::rbac::v1::RoleBinding {}
impl Deletable for k8s_openapi::api::rbac::v1::ClusterRole {}
impl Deletable for k8s_openapi::api::rbac::v1::ClusterRoleBinding {}
impl Deletable for k8s_openapi::api::networking::v1::Ingress {}
impl Deletable for k8s_openapi::api::networking::v1::NetworkPolicy {}
impl Deletable for k8s_openapi::api::certificates::v1::CertificateSigningRequest {}
impl Deletable for k8s_openapi::api::storage::v1::CSIStorageCapacity {}
impl Deletable for k8s_openapi::api::batch::v1::Job {}
impl Deletable for k8s_openapi::api::batch::v1::CronJob {}

/// The finalizer that keeps an owner until the garbage collector has deleted its
/// blocking dependents (foreground cascading deletion).
pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";
/// The finalizer that keeps an owner until the garbage collector has removed the
/// owner references to it from its dependents (orphan deletion).
pub const ORPHAN_FINALIZER: &str = "orphan";

/// What happens to an object's dependents when it is deleted
/// (`DeleteOptions.propagationPolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Propagation {
    /// The object goes at once; the garbage collector deletes the dependents after.
    #[default]
    Background,
    /// The object stays, marked, until the dependents that block it are gone.
    Foreground,
    /// The dependents stay, no longer owned.
    Orphan,
}

impl Propagation {
    /// The policy a delete asks for: `propagationPolicy`, else the deprecated
    /// `orphanDependents`, else Background (upstream's default for the apps/v1 kinds).
    /// A bad value is refused as upstream's `ValidateDeleteOptions` refuses it.
    pub fn of(options: &DeleteOptions) -> Result<Self, Error> {
        let invalid = |message: String| Error::Invalid {
            kind: "DeleteOptions.meta.k8s.io".to_owned(),
            name: String::new(),
            causes: vec![FieldError {
                field: "propagationPolicy".to_owned(),
                message,
            }],
        };
        match (options.propagation_policy.as_deref(), options.orphan_dependents) {
            (Some(policy), Some(_)) => Err(invalid(format!(
                "Invalid value: \"{policy}\": orphanDependents and deletionPropagation cannot be both set"
            ))),
            (Some("Background"), None) => Ok(Propagation::Background),
            (Some("Foreground"), None) => Ok(Propagation::Foreground),
            (Some("Orphan"), None) => Ok(Propagation::Orphan),
            (Some(other), None) => Err(invalid(format!(
                "Unsupported value: \"{other}\": supported values: \"Foreground\", \"Background\", \"Orphan\""
            ))),
            (None, Some(true)) => Ok(Propagation::Orphan),
            (None, _) => Ok(Propagation::Background),
        }
    }

    /// The policy as `propagationPolicy` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Propagation::Background => "Background",
            Propagation::Foreground => "Foreground",
            Propagation::Orphan => "Orphan",
        }
    }

    /// The garbage-collection finalizer this policy puts on the object, if any.
    fn finalizer(self) -> Option<&'static str> {
        match self {
            Propagation::Background => None,
            Propagation::Foreground => Some(FOREGROUND_FINALIZER),
            Propagation::Orphan => Some(ORPHAN_FINALIZER),
        }
    }
}

/// Deletes an object as the API server does: the preconditions are checked; the
/// propagation policy's finalizer replaces any other garbage-collection finalizer
/// (upstream's `deletionFinalizersForGarbageCollection`); then an object with a grace
/// period (a pod on a node) or with finalizers is marked with `deletionTimestamp` and
/// stays — the node agent or the garbage collector removes it — and any other is
/// removed at once, its dependents left to the garbage collector.
pub(crate) fn delete_with<K: Deletable>(
    store: &mut Store,
    now: Timestamp,
    namespace: &str,
    name: &str,
    options: &DeleteOptions,
) -> Result<Arc<K>, Error> {
    let Some(current) = store.get::<K>(namespace, name) else {
        return Err(Error::NotFound {
            kind: crate::store::resource_name::<K>(),
            name: name.to_owned(),
        });
    };
    check_preconditions(&*current, options)?;
    let propagation = Propagation::of(options)?;
    // Without a policy named, finalizers the object has already decide (upstream's
    // `shouldOrphanDependents` / `shouldDeleteDependents`).
    let explicit = options.propagation_policy.is_some() || options.orphan_dependents.is_some();
    let deleting = current.metadata().deletion_timestamp.is_some();
    let shorter = deleting
        .then(|| shorter_grace(current.metadata(), options.grace_period_seconds))
        .flatten();
    if deleting && !explicit && shorter.is_none() && !released(&*current) {
        return Ok(current);
    }
    let mut obj = (*current).clone();
    let meta = obj.metadata_mut();
    meta.resource_version = None;
    if explicit {
        let finalizers = meta.finalizers.get_or_insert_with(Vec::new);
        finalizers.retain(|f| f != FOREGROUND_FINALIZER && f != ORPHAN_FINALIZER);
        finalizers.extend(propagation.finalizer().map(str::to_owned));
        if finalizers.is_empty() {
            meta.finalizers = None;
        }
    }
    if deleting {
        // Already going: only the policy and the grace period may change.
        if let Some((at, seconds)) = shorter {
            let meta = obj.metadata_mut();
            meta.deletion_timestamp = Some(Time(at));
            meta.deletion_grace_period_seconds = Some(seconds);
        }
        if released(&obj) {
            return store.remove::<K>(namespace, name);
        }
        return store.update_deletion(obj);
    }
    let grace = current.grace_seconds(options.grace_period_seconds);
    let finalized = obj.metadata().finalizers.as_ref().is_none_or(Vec::is_empty);
    if grace.is_none() && finalized && !current.held() {
        return store.remove::<K>(namespace, name);
    }
    let seconds = grace.unwrap_or(0);
    let meta = obj.metadata_mut();
    meta.deletion_timestamp = Some(Time(now + SignedDuration::from_secs(seconds)));
    meta.deletion_grace_period_seconds = Some(seconds);
    store.update(obj)
}

/// A shorter grace period for an object already being deleted: the deletion moves
/// to `seconds` after it was asked for (upstream's `BeforeDelete`: only a shorter
/// period may be given, and none at all once the period is 0).
fn shorter_grace(meta: &ObjectMeta, requested: Option<i64>) -> Option<(Timestamp, i64)> {
    let current = meta.deletion_grace_period_seconds.filter(|g| *g > 0)?;
    let seconds = requested.filter(|r| *r < current)?.max(0);
    let at = meta.deletion_timestamp.as_ref()?.0;
    Some((at - SignedDuration::from_secs(current - seconds), seconds))
}

/// Whether an object being deleted has nothing left to wait for: no finalizer, no
/// grace period running (upstream's `ShouldDeleteDuringUpdate`), nothing else holding
/// it. Such an object is removed by the write that left it so.
pub(crate) fn released<K: Deletable>(obj: &K) -> bool {
    let meta = obj.metadata();
    meta.deletion_timestamp.is_some()
        && meta.finalizers.as_ref().is_none_or(Vec::is_empty)
        && meta.deletion_grace_period_seconds.is_none_or(|g| g == 0)
        && !obj.held()
}

/// Replaces an object as an update does, removing it when the update released it:
/// the last finalizer of an object whose deletion waits only for its finalizers.
pub(crate) fn update<K: Deletable>(store: &mut Store, obj: K) -> Result<Arc<K>, Error> {
    let updated = store.update(obj)?;
    if !released(&*updated) {
        return Ok(updated);
    }
    let (namespace, name) = crate::store::key_of(&*updated);
    store.remove::<K>(&namespace, &name)
}

/// Deletes an object as a controller does: with the grace period given, or the
/// pod's own, and the dependents' propagation the object's finalizers say.
pub(crate) fn delete<K: Deletable>(
    store: &mut Store,
    now: Timestamp,
    namespace: &str,
    name: &str,
    grace: Option<i64>,
) -> Result<Arc<K>, Error> {
    let options = DeleteOptions {
        grace_period_seconds: grace,
        ..Default::default()
    };
    delete_with::<K>(store, now, namespace, name, &options)
}

/// Upstream's `Preconditions`: the uid and resourceVersion a delete names must be the
/// object's.
fn check_preconditions<K: Object>(obj: &K, options: &DeleteOptions) -> Result<(), Error> {
    let Some(wanted) = options.preconditions.as_ref() else {
        return Ok(());
    };
    let meta = obj.metadata();
    let failed = |field: &str, wanted: &str, actual: Option<&str>| Error::PreconditionFailed {
        kind: crate::store::resource_name::<K>(),
        name: meta.name.clone().unwrap_or_default(),
        detail: format!(
            "Precondition failed: {field} in precondition: {wanted}, {field} in object meta: {}",
            actual.unwrap_or_default()
        ),
    };
    if let Some(uid) = wanted.uid.as_deref() {
        if meta.uid.as_deref() != Some(uid) {
            return Err(failed("UID", uid, meta.uid.as_deref()));
        }
    }
    if let Some(rv) = wanted.resource_version.as_deref() {
        if meta.resource_version.as_deref() != Some(rv) {
            return Err(failed(
                "ResourceVersion",
                rv,
                meta.resource_version.as_deref(),
            ));
        }
    }
    Ok(())
}
