//! The one table of the kinds the API serves: their routes and what discovery says of
//! them (`/api/v1`, `/apis/apps/v1`) both come from here, so the two can't drift apart.

use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, Pod, ResourceQuota, Secret, Service,
    ServiceAccount,
};

use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::certificates::v1::CertificateSigningRequest;
use k8s_openapi::api::networking::v1::{Ingress, NetworkPolicy};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use k8s_openapi::api::storage::v1::CSIStorageCapacity;
use k8s_openapi::schemars::{JsonSchema, Schema, SchemaGenerator};

use super::collection::delete_collection;
use super::objects::{delete_one, get_one, list, Served};
use super::patch::patch_one;
use super::scale::{self, Scalable};
use super::write::{create_one, patch_status, replace_one, replace_status};
use super::{exec, logs, prefix, token};
use crate::cluster::Cluster;

/// The routes of one kind, added to the API's router.
type Routes = fn(Router<Arc<Cluster>>) -> Router<Arc<Cluster>>;

/// The verbs every served collection answers.
pub const VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

/// Whether the kind answers `DELETE` on its collection: upstream serves no
/// `deletecollection` for namespaces.
pub fn deletes_collections(kind: &str) -> bool {
    kind != "Namespace"
}

/// A subresource of a kind, as discovery lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subresource {
    /// `…/status`: the object, whose writes change only its status.
    Status,
    /// `…/scale`: an `autoscaling/v1` Scale over the replica count.
    Scale,
    /// `pods/…/log`: the containers' output.
    Log,
    /// `pods/…/exec`: a command in a container, over a WebSocket.
    Exec,
    /// `pods/…/attach`: the container's own process, over a WebSocket.
    Attach,
    /// `serviceaccounts/…/token`: a TokenRequest for the account.
    Token,
}

impl Subresource {
    /// The path segment after the object's name.
    pub fn segment(self) -> &'static str {
        match self {
            Subresource::Status => "status",
            Subresource::Scale => "scale",
            Subresource::Log => "log",
            Subresource::Exec => "exec",
            Subresource::Attach => "attach",
            Subresource::Token => "token",
        }
    }

    /// The verbs the subresource answers here.
    pub fn verbs(self) -> &'static [&'static str] {
        match self {
            Subresource::Log => &["get"],
            Subresource::Token => &["create"],
            Subresource::Exec | Subresource::Attach => &["create", "get"],
            Subresource::Status | Subresource::Scale => &["get", "patch", "update"],
        }
    }
}

/// One served kind.
pub struct Kind {
    /// The API group (`""` for the core group).
    pub group: &'static str,
    /// The group's version (`v1`).
    pub version: &'static str,
    /// `Deployment`.
    pub kind: &'static str,
    /// `deployments`.
    pub plural: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
    /// `kubectl get deploy`: upstream's short names.
    pub short_names: &'static [&'static str],
    /// `kubectl get all`: upstream's categories.
    pub categories: &'static [&'static str],
    /// The subresources served under each object.
    pub subresources: &'static [Subresource],
    /// The kind's OpenAPI schema: a `$ref` to it, its definitions left in the generator.
    pub schema: fn(&mut SchemaGenerator) -> Schema,
    routes: Routes,
}

impl Kind {
    fn of<K: Served + JsonSchema>(short_names: &'static [&'static str], routes: Routes) -> Kind {
        Kind {
            group: K::GROUP,
            version: K::VERSION,
            kind: K::KIND,
            plural: K::URL_PATH_SEGMENT,
            namespaced: K::NAMESPACED,
            short_names,
            categories: &[],
            subresources: &[],
            schema: |generator| generator.subschema_for::<K>(),
            routes,
        }
    }

    fn in_all(mut self) -> Kind {
        self.categories = &["all"];
        self
    }

    fn with(mut self, subresources: &'static [Subresource]) -> Kind {
        self.subresources = subresources;
        self
    }

    /// `group/version`, or `version` for the core group.
    pub fn group_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_owned()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }
}

/// Every kind the API serves.
pub fn served() -> [Kind; 25] {
    use Subresource::{Attach, Exec, Log, Scale, Status, Token};
    [
        Kind::of::<Namespace>(&["ns"], cluster_scoped::<Namespace>),
        Kind::of::<Node>(&["no"], cluster_scoped::<Node>),
        Kind::of::<Pod>(&["po"], pod_routes)
            .in_all()
            .with(&[Status, Log, Exec, Attach]),
        Kind::of::<Event>(&["ev"], namespaced::<Event>),
        Kind::of::<ReplicaSet>(&["rs"], scalable::<ReplicaSet>)
            .in_all()
            .with(&[Status, Scale]),
        Kind::of::<Deployment>(&["deploy"], scalable::<Deployment>)
            .in_all()
            .with(&[Status, Scale]),
        Kind::of::<StatefulSet>(&["sts"], scalable::<StatefulSet>)
            .in_all()
            .with(&[Status, Scale]),
        Kind::of::<DaemonSet>(&["ds"], with_status::<DaemonSet>)
            .in_all()
            .with(&[Status]),
        Kind::of::<ControllerRevision>(&[], namespaced::<ControllerRevision>),
        Kind::of::<Job>(&[], with_status::<Job>)
            .in_all()
            .with(&[Status]),
        Kind::of::<CronJob>(&["cj"], with_status::<CronJob>)
            .in_all()
            .with(&[Status]),
        Kind::of::<Service>(&["svc"], with_status::<Service>)
            .in_all()
            .with(&[Status]),
        Kind::of::<Endpoints>(&["ep"], namespaced::<Endpoints>),
        Kind::of::<ConfigMap>(&["cm"], namespaced::<ConfigMap>),
        Kind::of::<Secret>(&[], namespaced::<Secret>),
        Kind::of::<ServiceAccount>(&["sa"], service_account_routes).with(&[Token]),
        Kind::of::<ResourceQuota>(&["quota"], with_status::<ResourceQuota>).with(&[Status]),
        Kind::of::<Role>(&[], namespaced::<Role>),
        Kind::of::<RoleBinding>(&[], namespaced::<RoleBinding>),
        Kind::of::<ClusterRole>(&[], cluster_scoped::<ClusterRole>),
        Kind::of::<ClusterRoleBinding>(&[], cluster_scoped::<ClusterRoleBinding>),
        Kind::of::<Ingress>(&["ing"], with_status::<Ingress>).with(&[Status]),
        Kind::of::<NetworkPolicy>(&["netpol"], namespaced::<NetworkPolicy>),
        Kind::of::<CertificateSigningRequest>(
            &["csr"],
            cluster_scoped::<CertificateSigningRequest>,
        ),
        Kind::of::<CSIStorageCapacity>(&[], namespaced::<CSIStorageCapacity>),
    ]
}

/// Adds every served kind's routes to `router`.
pub fn routes(mut router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    for kind in served() {
        router = (kind.routes)(router);
    }
    router
}

fn object_path<K: Served>() -> String {
    format!(
        "{}/namespaces/{{ns}}/{}/{{name}}",
        prefix::<K>(),
        K::URL_PATH_SEGMENT
    )
}

fn namespaced<K: Served>(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    let (prefix, plural) = (prefix::<K>(), K::URL_PATH_SEGMENT);
    router
        .route(&format!("{prefix}/{plural}"), get(list::<K>))
        .route(
            &format!("{prefix}/namespaces/{{ns}}/{plural}"),
            get(list::<K>)
                .post(create_one::<K>)
                .delete(delete_collection::<K>),
        )
        .route(
            &object_path::<K>(),
            get(get_one::<K>)
                .put(replace_one::<K>)
                .patch(patch_one::<K>)
                .delete(delete_one::<K>),
        )
}

fn cluster_scoped<K: Served>(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    let (prefix, plural) = (prefix::<K>(), K::URL_PATH_SEGMENT);
    let collection = get(list::<K>).post(create_one::<K>);
    let collection = if deletes_collections(K::KIND) {
        collection.delete(delete_collection::<K>)
    } else {
        collection
    };
    router
        .route(&format!("{prefix}/{plural}"), collection)
        .route(
            &format!("{prefix}/{plural}/{{name}}"),
            get(get_one::<K>)
                .put(replace_one::<K>)
                .patch(patch_one::<K>)
                .delete(delete_one::<K>),
        )
}

/// A namespaced kind with `…/status`, where writes change only the status.
fn with_status<K: Served>(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    namespaced::<K>(router).route(
        &format!("{}/status", object_path::<K>()),
        get(get_one::<K>)
            .put(replace_status::<K>)
            .patch(patch_status::<K>),
    )
}

fn pod_routes(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    with_status::<Pod>(router)
        .route(&format!("{}/log", object_path::<Pod>()), get(logs::pod_log))
        .route(
            &format!("{}/exec", object_path::<Pod>()),
            get(exec::pod_exec).post(exec::pod_exec),
        )
        .route(
            &format!("{}/attach", object_path::<Pod>()),
            get(exec::pod_attach).post(exec::pod_attach),
        )
}

fn service_account_routes(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    namespaced::<ServiceAccount>(router).route(
        &format!("{}/token", object_path::<ServiceAccount>()),
        axum::routing::post(token::create_token),
    )
}

fn scalable<K: Scalable>(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    with_status::<K>(router).route(
        &format!("{}/scale", object_path::<K>()),
        get(scale::get_scale::<K>)
            .put(scale::replace_scale::<K>)
            .patch(scale::patch_scale::<K>),
    )
}
