//! The Kubernetes-style REST API over the engine: the same paths, objects, watch
//! streams and `Status` errors as the API server, for the console, kubectl and tests.
//! Discovery, Tables, patches and the scale subresource are what kubectl needs beyond
//! plain reads and writes.

mod apply;
mod collection;
mod discovery;
mod exec;
mod kinds;
mod logs;
mod metrics;
mod objects;
mod paging;
mod patch;
mod proto;
mod query;
mod reviews;
mod scale;
mod status;
mod table;
mod token;
mod trailing_slash;
mod watch;
mod write;

use std::sync::Arc;

use axum::routing::any;
use axum::Router;

pub use status::ApiError;
pub use write::json_body;

use crate::cluster::Cluster;
use objects::Served;

/// `/api/v1` for the core group, `/apis/<group>/<version>` for the others.
fn prefix<K: Served>() -> String {
    discovery::group_version_path(K::GROUP, K::VERSION)
}

async fn no_route() -> ApiError {
    ApiError::NoRoute
}

/// Every route of the API, its state still to be given.
fn routes() -> Router<Arc<Cluster>> {
    reviews::routes(metrics::routes(kinds::routes(discovery::routes(
        Router::new(),
    ))))
}

/// The API's routes, answering from `cluster`; a path with a trailing slash as the
/// path without it.
pub fn router(cluster: Arc<Cluster>) -> Router {
    let strict = routes()
        .route("/api/{*rest}", any(no_route))
        .route("/apis/{*rest}", any(no_route))
        .with_state(Arc::clone(&cluster));
    let unmatched =
        move |request: axum::extract::Request| trailing_slash::retry(strict.clone(), request);
    routes()
        .route("/api/{*rest}", any(unmatched.clone()))
        .route("/apis/{*rest}", any(unmatched))
        .with_state(cluster)
}
