//! Discovery, as kubectl reads it before anything else: `/version`, `/api`, `/apis`,
//! and one `APIResourceList` per group version, all built from [`super::kinds`].
//!
//! Clients that ask for aggregated discovery (`as=APIGroupDiscoveryList`) also accept
//! plain JSON; they get the legacy documents, and fetch each group version after.

mod openapi;

use std::sync::Arc;

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    APIGroup, APIGroupList, APIResource, APIResourceList, APIVersions, GroupVersionForDiscovery,
    ServerAddressByClientCIDR,
};
use k8s_openapi::apimachinery::pkg::version::Info;

use super::kinds::{self, Kind, Subresource, VERBS};
use super::status::ApiError;
use crate::cluster::Cluster;

/// The Kubernetes release whose API (and kubectl) Berth follows.
const MAJOR: &str = "1";
const MINOR: &str = "32";

/// The discovery routes.
pub fn routes(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    let mut router = openapi::routes(router)
        .route("/version", get(version))
        // Some clients (kr8s) ask discovery with a trailing slash; kube-apiserver
        // answers both.
        .route("/version/", get(version))
        .route("/api", get(core_versions))
        .route("/api/", get(core_versions))
        .route("/apis", get(groups))
        .route("/apis/", get(groups));
    let mut paths: Vec<String> = Vec::new();
    for kind in kinds::served() {
        let (group, version) = (kind.group, kind.version);
        let path = group_version_path(group, version);
        if !paths.contains(&path) {
            let list = get(move || async move { resources(group, version) });
            router = router
                .route(&format!("{path}/"), list.clone())
                .route(&path, list);
            paths.push(path);
        }
    }
    router
}

/// `/api/v1` for the core group, `/apis/<group>/<version>` for the others.
pub fn group_version_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("/api/{version}")
    } else {
        format!("/apis/{group}/{version}")
    }
}

/// `GET /version`.
async fn version() -> Json<Info> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    Json(Info {
        major: MAJOR.to_owned(),
        minor: MINOR.to_owned(),
        git_version: format!("v{MAJOR}.{MINOR}.0-berth"),
        git_commit: String::new(),
        git_tree_state: "clean".to_owned(),
        build_date: String::new(),
        go_version: String::new(),
        compiler: "rustc".to_owned(),
        platform: format!("{}/{arch}", std::env::consts::OS),
    })
}

/// The address clients reach this server at: the `Host` they used.
fn addresses(headers: &HeaderMap) -> Vec<ServerAddressByClientCIDR> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    vec![ServerAddressByClientCIDR {
        client_cidr: "0.0.0.0/0".to_owned(),
        server_address: host.to_owned(),
    }]
}

/// `GET /api`: the core group's versions.
async fn core_versions(headers: HeaderMap) -> Json<APIVersions> {
    Json(APIVersions {
        versions: vec!["v1".to_owned()],
        server_address_by_client_cidrs: addresses(&headers),
    })
}

/// `GET /apis`: every named group, each with the versions served.
async fn groups(headers: HeaderMap) -> Json<APIGroupList> {
    let mut groups: Vec<APIGroup> = Vec::new();
    for kind in kinds::served().iter().filter(|k| !k.group.is_empty()) {
        let version = GroupVersionForDiscovery {
            group_version: kind.group_version(),
            version: kind.version.to_owned(),
        };
        match groups.iter_mut().find(|g| g.name == kind.group) {
            Some(group) if !group.versions.contains(&version) => group.versions.push(version),
            Some(_) => {}
            None => groups.push(APIGroup {
                name: kind.group.to_owned(),
                preferred_version: Some(version.clone()),
                server_address_by_client_cidrs: Some(addresses(&headers)),
                versions: vec![version],
            }),
        }
    }
    groups.push(crate::api::metrics::group(addresses(&headers)));
    groups.extend(crate::api::reviews::groups(addresses(&headers)));
    Json(APIGroupList { groups })
}

/// `GET /api/v1`, `GET /apis/apps/v1`: the group version's kinds.
fn resources(group: &str, version: &str) -> Result<Response, ApiError> {
    let served = kinds::served();
    let kinds: Vec<&Kind> = served
        .iter()
        .filter(|k| k.group == group && k.version == version)
        .collect();
    let Some(first) = kinds.first() else {
        return Err(ApiError::NoRoute);
    };
    let list = APIResourceList {
        group_version: first.group_version(),
        resources: kinds.iter().flat_map(|k| listed(k)).collect(),
    };
    Ok(Json(list).into_response())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A kind's entry, then one per subresource, in upstream's shape.
fn listed(kind: &Kind) -> Vec<APIResource> {
    let main = APIResource {
        name: kind.plural.to_owned(),
        singular_name: kind.kind.to_lowercase(),
        namespaced: kind.namespaced,
        kind: kind.kind.to_owned(),
        verbs: VERBS
            .iter()
            .filter(|v| **v != "deletecollection" || kinds::deletes_collections(kind.kind))
            .map(|v| (*v).to_owned())
            .collect(),
        short_names: (!kind.short_names.is_empty()).then(|| strings(kind.short_names)),
        categories: (!kind.categories.is_empty()).then(|| strings(kind.categories)),
        ..Default::default()
    };
    let subresources = kind.subresources.iter().map(|&sub| {
        let (group, version, sub_kind) = match sub {
            // The scale subresource speaks another group's type.
            Subresource::Scale => (Some("autoscaling"), Some("v1"), "Scale"),
            Subresource::Status | Subresource::Log => (None, None, kind.kind),
            Subresource::Exec => (None, None, "PodExecOptions"),
            Subresource::Attach => (None, None, "PodAttachOptions"),
            Subresource::Token => (Some("authentication.k8s.io"), Some("v1"), "TokenRequest"),
        };
        APIResource {
            name: format!("{}/{}", kind.plural, sub.segment()),
            singular_name: String::new(),
            namespaced: kind.namespaced,
            group: group.map(str::to_owned),
            version: version.map(str::to_owned),
            kind: sub_kind.to_owned(),
            verbs: strings(sub.verbs()),
            ..Default::default()
        }
    });
    std::iter::once(main).chain(subresources).collect()
}
