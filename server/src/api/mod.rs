//! The Kubernetes-style REST API over the engine: the same paths, objects, watch
//! streams and `Status` errors as the API server, for the console, kubectl and tests.

mod objects;
mod query;
mod status;
mod watch;
mod write;

use std::sync::Arc;

use axum::routing::{any, get};
use axum::Router;
use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::core::v1::{ConfigMap, Event, Namespace, Node, Pod, Secret, Service};
use write::{create_one, replace_one};

pub use status::ApiError;

use crate::cluster::Cluster;
use objects::{delete_one, get_one, list, Served};

/// `/api/v1` for the core group, `/apis/<group>/<version>` for the others.
fn prefix<K: Served>() -> String {
    if K::GROUP.is_empty() {
        format!("/api/{}", K::VERSION)
    } else {
        format!("/apis/{}/{}", K::GROUP, K::VERSION)
    }
}

fn namespaced<K: Served>(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    let (prefix, plural) = (prefix::<K>(), K::URL_PATH_SEGMENT);
    router
        .route(&format!("{prefix}/{plural}"), get(list::<K>))
        .route(
            &format!("{prefix}/namespaces/{{ns}}/{plural}"),
            get(list::<K>).post(create_one::<K>),
        )
        .route(
            &format!("{prefix}/namespaces/{{ns}}/{plural}/{{name}}"),
            get(get_one::<K>)
                .put(replace_one::<K>)
                .delete(delete_one::<K>),
        )
}

fn cluster_scoped<K: Served>(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    let (prefix, plural) = (prefix::<K>(), K::URL_PATH_SEGMENT);
    router
        .route(
            &format!("{prefix}/{plural}"),
            get(list::<K>).post(create_one::<K>),
        )
        .route(
            &format!("{prefix}/{plural}/{{name}}"),
            get(get_one::<K>)
                .put(replace_one::<K>)
                .delete(delete_one::<K>),
        )
}

async fn no_route() -> ApiError {
    ApiError::NoRoute
}

/// The API's routes, answering from `cluster`.
pub fn router(cluster: Arc<Cluster>) -> Router {
    let mut router = Router::new();
    router = cluster_scoped::<Namespace>(router);
    router = cluster_scoped::<Node>(router);
    router = namespaced::<Pod>(router);
    router = namespaced::<Event>(router);
    router = namespaced::<ReplicaSet>(router);
    router = namespaced::<Deployment>(router);
    router = namespaced::<StatefulSet>(router);
    router = namespaced::<DaemonSet>(router);
    router = namespaced::<ControllerRevision>(router);
    router = namespaced::<Service>(router);
    router = namespaced::<ConfigMap>(router);
    router = namespaced::<Secret>(router);
    router
        .route("/api/{*rest}", any(no_route))
        .route("/apis/{*rest}", any(no_route))
        .with_state(cluster)
}
