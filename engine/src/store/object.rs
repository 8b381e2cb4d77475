//! The kinds the store holds, and what the store needs to know of each.

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::certificates::v1::CertificateSigningRequest;
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, Pod, ResourceQuota, Secret, Service,
    ServiceAccount,
};
use k8s_openapi::api::networking::v1::{Ingress, NetworkPolicy};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use k8s_openapi::api::storage::v1::CSIStorageCapacity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{de::DeserializeOwned, Serialize};

use super::form::{Form, StoredEvent};
use super::table::Table;
use crate::admission::{immutable, pod_update, service_addresses};

/// A Kubernetes object type the store can hold.
pub trait Object:
    k8s_openapi::Resource
    + k8s_openapi::Metadata<Ty = ObjectMeta>
    + Clone
    + PartialEq
    + Serialize
    + DeserializeOwned
    + Send
    + Sync
    + 'static
{
    /// Whether objects live in a namespace (pods) or in the cluster (nodes).
    const NAMESPACED: bool;

    /// Whether objects of this kind are looked up by uid ([`super::Store::get_by_uid`]):
    /// owners are, pods and events never, and skipping them saves an index entry each.
    const BY_UID: bool = true;

    /// Whether a controller reads this kind's changes ([`super::Store::recent_changes`]).
    /// Those are kept until every controller has seen them, which in a burst is every
    /// change of a pass: Events, which no controller reads, are not kept.
    const READ_BY_CONTROLLERS: bool = true;

    /// How the table holds an object of this kind: most as the object itself
    /// (`Arc<Self>`), so readers borrow it; Events packed.
    type Form: Form<Self>;

    /// The table of this kind in the store.
    fn table(tables: &Tables) -> &Table<Self>;
    /// The table of this kind in the store, for writing.
    fn table_mut(tables: &mut Tables) -> &mut Table<Self>;

    /// Whether `metadata.generation` must move: upstream's registry strategies bump it
    /// on spec changes of the kinds that report `status.observedGeneration`.
    fn spec_changed(&self, _before: &Self) -> bool {
        false
    }

    /// Whether an update leaves the object as it was (it is then not a change). Pods
    /// compare their status first: it is what most of their updates change.
    fn unchanged(&self, before: &Self) -> bool {
        self == before
    }

    /// Normalizes a client's object before it is checked and stored (upstream's
    /// `PrepareForCreate`/`PrepareForUpdate`).
    fn prepare(&mut self) {}

    /// Keeps what the stored object `old` was given and a replacement leaves out
    /// (upstream's `patchAllocatedValues`: a Service's cluster IPs).
    fn prepare_update(&mut self, _old: &Self) {}

    /// The field rules of this kind beyond its name (the workload rules of SPEC §1).
    fn validate(&self, _context: rules::Context) -> rules::Findings {
        rules::Findings::default()
    }

    /// The ServiceAccount the object runs as, which must exist when it is created
    /// (upstream's `ServiceAccount` admission plugin): a pod's.
    fn service_account(&self) -> Option<&str> {
        None
    }

    /// What an update changes that it may not (upstream's `Validate*Update`), against
    /// the stored object `old`.
    fn validate_update(&self, _old: &Self) -> Vec<crate::FieldError> {
        Vec::new()
    }

    /// Fills what upstream's `PrepareForCreate` gives a new object once the store has
    /// taken it: what derives from its identity (a Job's selector names its uid), or
    /// only a create sets (a gated pod's `SchedulingGated` condition).
    fn identified(&mut self) {}

    /// The rule this kind's names follow.
    fn check_name(name: &str) -> Result<(), rules::NameError> {
        rules::dns_subdomain(name)
    }
}

/// One table per kind.
#[derive(Default)]
pub struct Tables {
    pub(super) namespaces: Table<Namespace>,
    pub(super) nodes: Table<Node>,
    pub(super) pods: Table<Pod>,
    pub(super) events: Table<Event>,
    pub(super) replica_sets: Table<ReplicaSet>,
    pub(super) deployments: Table<Deployment>,
    pub(super) stateful_sets: Table<StatefulSet>,
    pub(super) daemon_sets: Table<DaemonSet>,
    pub(super) controller_revisions: Table<ControllerRevision>,
    pub(super) services: Table<Service>,
    pub(super) endpoints: Table<Endpoints>,
    pub(super) config_maps: Table<ConfigMap>,
    pub(super) secrets: Table<Secret>,
    pub(super) service_accounts: Table<ServiceAccount>,
    pub(super) resource_quotas: Table<ResourceQuota>,
    pub(super) roles: Table<Role>,
    pub(super) role_bindings: Table<RoleBinding>,
    pub(super) cluster_roles: Table<ClusterRole>,
    pub(super) cluster_role_bindings: Table<ClusterRoleBinding>,
    pub(super) ingresses: Table<Ingress>,
    pub(super) network_policies: Table<NetworkPolicy>,
    pub(super) certificate_signing_requests: Table<CertificateSigningRequest>,
    pub(super) csi_storage_capacities: Table<CSIStorageCapacity>,
    pub(super) jobs: Table<Job>,
    pub(super) cron_jobs: Table<CronJob>,
}

impl Tables {
    /// Drops every table's recent changes at or before `seen`.
    pub(super) fn forget_changes(&mut self, seen: u64) {
        self.namespaces.recent.forget(seen);
        self.nodes.recent.forget(seen);
        self.pods.recent.forget(seen);
        self.events.recent.forget(seen);
        self.replica_sets.recent.forget(seen);
        self.deployments.recent.forget(seen);
        self.stateful_sets.recent.forget(seen);
        self.daemon_sets.recent.forget(seen);
        self.controller_revisions.recent.forget(seen);
        self.services.recent.forget(seen);
        self.endpoints.recent.forget(seen);
        self.config_maps.recent.forget(seen);
        self.secrets.recent.forget(seen);
        self.service_accounts.recent.forget(seen);
        self.resource_quotas.recent.forget(seen);
        self.roles.recent.forget(seen);
        self.role_bindings.recent.forget(seen);
        self.cluster_roles.recent.forget(seen);
        self.cluster_role_bindings.recent.forget(seen);
        self.ingresses.recent.forget(seen);
        self.network_policies.recent.forget(seen);
        self.certificate_signing_requests.recent.forget(seen);
        self.csi_storage_capacities.recent.forget(seen);
        self.jobs.recent.forget(seen);
        self.cron_jobs.recent.forget(seen);
    }
}

macro_rules! object {
    // A workload the wizard creates: the shared rules check it, as the form does.
    ($ty:ty, $field:ident, workload $(, { $($more:item)* })?) => {
        object!($ty, $field, namespaced: true, {
            $($($more)*)?
            fn spec_changed(&self, before: &Self) -> bool {
                self.spec != before.spec
            }
            fn prepare(&mut self) {
                super::defaults::Defaults::set_defaults(self)
            }
            fn validate(&self, context: rules::Context) -> rules::Findings {
                workload_rules(self, context)
            }
            fn check_name(name: &str) -> Result<(), rules::NameError> {
                rules::workload_name(name)
            }
        });
    };
    ($ty:ty, $field:ident, namespaced: $ns:expr) => {
        object!($ty, $field, namespaced: $ns, {});
    };
    ($ty:ty, $field:ident, namespaced: $ns:expr, { $($extra:item)* }) => {
        object!($ty, $field, namespaced: $ns, form: std::sync::Arc<$ty>, { $($extra)* });
    };
    ($ty:ty, $field:ident, namespaced: $ns:expr, form: $form:ty, { $($extra:item)* }) => {
        impl Object for $ty {
            const NAMESPACED: bool = $ns;
            type Form = $form;
            fn table(tables: &Tables) -> &Table<Self> {
                &tables.$field
            }
            fn table_mut(tables: &mut Tables) -> &mut Table<Self> {
                &mut tables.$field
            }
            $($extra)*
        }
    };
}

object!(Namespace, namespaces, namespaced: false, {
    fn prepare(&mut self) {
        super::defaults::Defaults::set_defaults(self)
    }
    fn check_name(name: &str) -> Result<(), rules::NameError> {
        rules::dns_label(name)
    }
});
object!(Node, nodes, namespaced: false);
object!(Pod, pods, namespaced: true, {
    const BY_UID: bool = false;
    fn unchanged(&self, before: &Self) -> bool {
        self.status == before.status && self.metadata == before.metadata && self.spec == before.spec
    }
    fn prepare(&mut self) {
        super::defaults::Defaults::set_defaults(self)
    }
    fn identified(&mut self) {
        super::defaults::scheduling_gated_condition(self)
    }
    fn service_account(&self) -> Option<&str> {
        self.spec.as_ref()?.service_account_name.as_deref()
    }
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let spec = |p: &Self| p.spec.clone().unwrap_or_default();
        pod_update::spec(&spec(self), &spec(old))
    }
    // A bare Pod keeps the GPU rules the workloads' templates keep (SPEC §1.1).
    fn validate(&self, context: rules::Context) -> rules::Findings {
        serde_json::to_value(self)
            .map(|manifest| rules::workload::validate_pod(&manifest, context))
            .unwrap_or_default()
    }
});
object!(Event, events, namespaced: true, form: StoredEvent, {
    const BY_UID: bool = false;
    const READ_BY_CONTROLLERS: bool = false;
});
object!(ReplicaSet, replica_sets, namespaced: true, {
    fn spec_changed(&self, before: &Self) -> bool {
        self.spec != before.spec
    }
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let selector = |r: &Self| r.spec.as_ref().map(|s| s.selector.clone());
        immutable::selector(&selector(self), &selector(old))
    }
});
object!(Deployment, deployments, workload, {
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let selector = |d: &Self| d.spec.as_ref().map(|s| s.selector.clone());
        immutable::selector(&selector(self), &selector(old))
    }
});
object!(StatefulSet, stateful_sets, workload, {
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let spec = |s: &Self| s.spec.clone().unwrap_or_default();
        immutable::stateful_set(&spec(self), &spec(old))
    }
});
object!(DaemonSet, daemon_sets, workload, {
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let selector = |d: &Self| d.spec.as_ref().map(|s| s.selector.clone());
        immutable::selector(&selector(self), &selector(old))
    }
});
object!(Job, jobs, workload, {
    fn identified(&mut self) {
        super::defaults::generate_job_selector(self)
    }
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let spec = |j: &Self| j.spec.clone().unwrap_or_default();
        immutable::job(&spec(self), &spec(old))
    }
});
object!(CronJob, cron_jobs, workload);
object!(ControllerRevision, controller_revisions, namespaced: true);

object!(Service, services, namespaced: true, {
    fn prepare(&mut self) {
        super::defaults::Defaults::set_defaults(self)
    }
    fn prepare_update(&mut self, old: &Self) {
        if let (Some(new), Some(old)) = (self.spec.as_mut(), old.spec.as_ref()) {
            service_addresses::keep_allocated(new, old);
        }
    }
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let spec = |s: &Self| s.spec.clone().unwrap_or_default();
        service_addresses::unchanged(&spec(self), &spec(old))
    }
    fn validate(&self, _context: rules::Context) -> rules::Findings {
        serde_json::to_value(self)
            .map(|manifest| rules::validate_service(&manifest))
            .unwrap_or_default()
    }
    fn check_name(name: &str) -> Result<(), rules::NameError> {
        rules::dns_1035_label(name)
    }
});
// Written by the endpoints controller for Services with a selector, by clients for
// the rest.
object!(Endpoints, endpoints, namespaced: true);
object!(ConfigMap, config_maps, namespaced: true, {
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let changed = [
            ("data", self.data != old.data),
            ("binaryData", self.binary_data != old.binary_data),
        ];
        immutable::sealed(self.immutable, old.immutable, &changed)
    }
});
object!(ServiceAccount, service_accounts, namespaced: true);
// Its status is the quota controller's: `hard` copied from the spec, `used` counted.
object!(ResourceQuota, resource_quotas, namespaced: true);
object!(Secret, secrets, namespaced: true, {
    // `stringData` is write-only: its entries are stored in `data` (upstream's rule).
    fn prepare(&mut self) {
        if let Some(strings) = self.string_data.take() {
            let data = self.data.get_or_insert_with(Default::default);
            for (key, value) in strings {
                data.insert(key, k8s_openapi::ByteString(value.into_bytes()));
            }
        }
        super::defaults::Defaults::set_defaults(self)
    }
    fn validate_update(&self, old: &Self) -> Vec<crate::FieldError> {
        let mut errors = immutable::secret_type(&self.type_, &old.type_);
        errors.extend(immutable::sealed(self.immutable, old.immutable, &[("data", self.data != old.data)]));
        errors
    }
});

// RBAC: names are path segments (`system:aggregate-to-view`), as upstream's.
macro_rules! rbac_object {
    ($ty:ty, $field:ident, namespaced: $ns:expr) => {
        object!($ty, $field, namespaced: $ns, {
            fn check_name(name: &str) -> Result<(), rules::NameError> {
                rules::path_segment_name(name)
            }
        });
    };
}
rbac_object!(Role, roles, namespaced: true);
rbac_object!(RoleBinding, role_bindings, namespaced: true);
rbac_object!(ClusterRole, cluster_roles, namespaced: false);
rbac_object!(ClusterRoleBinding, cluster_role_bindings, namespaced: false);

// Stored and served for clients, which list them; no controller acts on them here.
object!(Ingress, ingresses, namespaced: true);
object!(NetworkPolicy, network_policies, namespaced: true);
object!(CertificateSigningRequest, certificate_signing_requests, namespaced: false);
object!(CSIStorageCapacity, csi_storage_capacities, namespaced: true);

/// Checks a workload over its JSON, as the form checks the manifest it builds.
fn workload_rules<K: Serialize>(workload: &K, context: rules::Context) -> rules::Findings {
    match serde_json::to_value(workload) {
        Ok(manifest) => rules::validate_workload(&manifest, context),
        Err(e) => {
            let mut findings = rules::Findings::default();
            findings.error(
                "",
                rules::Violation::Unsupported {
                    value: e.to_string(),
                    allowed: &[],
                },
            );
            findings
        }
    }
}

/// How upstream names a kind in messages: `pods`, `deployments.apps`.
pub fn resource_name<K: Object>() -> String {
    if K::GROUP.is_empty() {
        K::URL_PATH_SEGMENT.to_owned()
    } else {
        format!("{}.{}", K::URL_PATH_SEGMENT, K::GROUP)
    }
}
