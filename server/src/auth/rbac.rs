//! The embedded engine's API authorizes every request as kube-apiserver's RBAC
//! authorizer does: the request's attributes (upstream's `RequestInfo`) are checked
//! against the roles bound to its user ([`engine::rbac`]); a denial is a 403 `Status`
//! with upstream's message.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::collections::BTreeSet;

use axum::body::Body;
use engine::rbac::{
    authorize, cluster_role_rules, covers, rules_for, Attributes, UserInfo, MASTERS,
};
use engine::store::Store;
use k8s_openapi::api::rbac::v1::{PolicyRule, Role};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::StatusDetails;
use serde_json::Value;

use crate::api::ApiError;
use crate::cluster::Cluster;

/// The RBAC API group.
const RBAC: &str = "rbac.authorization.k8s.io";

/// The largest body read for the escalation check, as the forwarding's limit.
const MOST_BODY: usize = 3 * 1024 * 1024;

/// `router` (the engine's API) authorizing each request's user.
pub fn authorizing(router: Router, cluster: Arc<Cluster>) -> Router {
    router.layer(axum::middleware::from_fn_with_state(cluster, check))
}

async fn check(State(cluster): State<Arc<Cluster>>, request: Request, next: Next) -> Response {
    let Some(user) = request.extensions().get::<UserInfo>().cloned() else {
        // Every way in (the site, its page rendering, its watch socket) names the user.
        return ApiError::Unauthorized.into_response();
    };
    let attributes = attributes(
        request.method(),
        request.uri().path(),
        request.uri().query(),
    );
    if !cluster.read(|e| authorize(e.store(), &user, &attributes)) {
        return forbidden(&user, &attributes).into_response();
    }
    let writes_rbac = attributes.api_group == RBAC
        && matches!(attributes.verb.as_str(), "create" | "update" | "patch")
        && !user.groups.iter().any(|g| g == MASTERS);
    if !writes_rbac {
        return next.run(request).await;
    }
    // A role or binding may grant only what its writer holds (upstream's escalation check).
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MOST_BODY).await else {
        return ApiError::TooLarge(format!("the request body is larger than {MOST_BODY} bytes"))
            .into_response();
    };
    let object = if attributes.verb == "patch" {
        None
    } else {
        crate::api::json_body(&parts.headers, &body).ok()
    };
    let checked = cluster.read(|e| no_escalation(e.store(), &user, &attributes, object.as_ref()));
    if let Err(refused) = checked {
        return refused.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// Whether writing `object` (a role or binding; `None` for a patch, which isn't read)
/// grants only what `user` holds, or the user may `escalate` (roles) or `bind`
/// (bindings).
fn no_escalation(
    store: &Store,
    user: &UserInfo,
    a: &Attributes,
    object: Option<&Value>,
) -> Result<(), ApiError> {
    let may = |verb: &str, resource: &str, name: &str| {
        let asked = Attributes {
            verb: verb.to_owned(),
            resource_request: true,
            api_group: RBAC.to_owned(),
            resource: resource.to_owned(),
            name: name.to_owned(),
            namespace: a.namespace.clone(),
            ..Default::default()
        };
        authorize(store, user, &asked)
    };
    let null = Value::Null;
    let object = object.unwrap_or(&null);
    let name = object["metadata"]["name"].as_str().unwrap_or(&a.name);
    let held = || rules_for(store, user, &a.namespace);
    let allowed = match a.resource.as_str() {
        "roles" | "clusterroles" => {
            may("escalate", &a.resource, name)
                || (object["aggregationRule"].is_null()
                    && serde_json::from_value::<Vec<PolicyRule>>(object["rules"].clone())
                        .is_ok_and(|rules| covers(&held(), &rules)))
        }
        "rolebindings" | "clusterrolebindings" => {
            let role_ref = &object["roleRef"];
            let kind = role_ref["kind"].as_str().unwrap_or_default();
            let role = role_ref["name"].as_str().unwrap_or_default();
            let role_resource = if kind == "ClusterRole" {
                "clusterroles"
            } else {
                "roles"
            };
            let granted = match kind {
                "ClusterRole" => Some(cluster_role_rules(store, role, &mut BTreeSet::new())),
                "Role" => store
                    .get::<Role>(&a.namespace, role)
                    .map(|r| r.rules.clone().unwrap_or_default()),
                _ => None,
            };
            may("bind", role_resource, role)
                || granted.is_some_and(|rules| !object.is_null() && covers(&held(), &rules))
        }
        _ => true,
    };
    if allowed {
        return Ok(());
    }
    Err(ApiError::Forbidden {
        message: format!(
            "{}.{RBAC} {name:?} is forbidden: user {:?} (groups={:?}) is attempting to grant RBAC permissions not currently held",
            a.resource, user.name, user.groups
        ),
        details: Some(Box::new(StatusDetails {
            name: Some(name.to_owned()),
            group: Some(RBAC.to_owned()),
            kind: Some(a.resource.clone()),
            ..Default::default()
        })),
    })
}

/// Upstream's 403: `pods "web" is forbidden: User "ann" cannot get resource "pods" in
/// API group "" in the namespace "b"`.
pub fn forbidden(user: &UserInfo, a: &Attributes) -> ApiError {
    let who = &user.name;
    if !a.resource_request {
        return ApiError::Forbidden {
            message: format!(
                "forbidden: User {who:?} cannot {} path {:?}",
                a.verb, a.path
            ),
            details: None,
        };
    }
    let resource = a.full_resource();
    let scope = if a.namespace.is_empty() {
        "at the cluster scope".to_owned()
    } else {
        format!("in the namespace {:?}", a.namespace)
    };
    let reason = format!(
        "User {who:?} cannot {} resource {resource:?} in API group {:?} {scope}",
        a.verb, a.api_group
    );
    let qualified = if a.api_group.is_empty() {
        a.resource.clone()
    } else {
        format!("{}.{}", a.resource, a.api_group)
    };
    let subject = if a.name.is_empty() {
        qualified
    } else {
        format!("{qualified} {:?}", a.name)
    };
    ApiError::Forbidden {
        message: format!("{subject} is forbidden: {reason}"),
        details: Some(Box::new(StatusDetails {
            name: (!a.name.is_empty()).then(|| a.name.clone()),
            group: Some(a.api_group.clone()),
            kind: Some(a.resource.clone()),
            ..Default::default()
        })),
    }
}

/// What a request does, read from its method, path and query as upstream's
/// `RequestInfoFactory` reads them.
pub fn attributes(method: &Method, path: &str, query: Option<&str>) -> Attributes {
    let parts: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let non_resource = || Attributes {
        verb: method.as_str().to_lowercase().replace("head", "get"),
        path: path.to_owned(),
        ..Default::default()
    };
    let (api_group, mut rest) = match parts.as_slice() {
        ["api", _version, rest @ ..] if !rest.is_empty() => (String::new(), rest),
        ["apis", group, _version, rest @ ..] if !rest.is_empty() => ((*group).to_owned(), rest),
        _ => return non_resource(),
    };
    let mut watch = query.is_some_and(|q| {
        q.split('&')
            .any(|pair| pair == "watch=true" || pair == "watch=1")
    });
    if rest.first() == Some(&"watch") {
        watch = true;
        rest = &rest[1..];
    }
    let mut namespace = String::new();
    if rest.first() == Some(&"namespaces") {
        if let Some(ns) = rest.get(1) {
            namespace = (*ns).to_owned();
            // `namespaces/<name>/status` and `/finalize` are the namespace's own.
            if rest.len() > 2 && !matches!(rest[2], "status" | "finalize") {
                rest = &rest[2..];
            }
        }
    }
    let resource = rest.first().copied().unwrap_or_default().to_owned();
    let name = rest.get(1).copied().unwrap_or_default().to_owned();
    let subresource = rest.get(2).copied().unwrap_or_default().to_owned();
    // A WebSocket's GET to exec, attach or port-forward needs `create`, as upstream
    // asks since 1.30 (AuthorizePodWebsocketUpgradeCreatePermission).
    let connects = matches!(subresource.as_str(), "exec" | "attach" | "portforward");
    let verb = match *method {
        Method::GET if connects => "create",
        Method::GET | Method::HEAD if watch => "watch",
        Method::GET | Method::HEAD if name.is_empty() => "list",
        Method::GET | Method::HEAD => "get",
        Method::POST => "create",
        Method::PUT => "update",
        Method::PATCH => "patch",
        Method::DELETE if name.is_empty() => "deletecollection",
        Method::DELETE => "delete",
        _ => "",
    };
    Attributes {
        verb: verb.to_owned(),
        resource_request: true,
        api_group,
        resource,
        subresource,
        name,
        namespace,
        path: path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{attributes, forbidden};
    use axum::http::Method;
    use engine::rbac::UserInfo;

    fn read(
        method: Method,
        path: &str,
        query: Option<&str>,
    ) -> (String, String, String, String, String, String) {
        let a = attributes(&method, path, query);
        (
            a.verb,
            a.api_group,
            a.resource,
            a.subresource,
            a.name,
            a.namespace,
        )
    }

    fn owned(parts: [&str; 6]) -> (String, String, String, String, String, String) {
        let [a, b, c, d, e, f] = parts.map(str::to_owned);
        (a, b, c, d, e, f)
    }

    #[test]
    fn requests_read_as_upstream_reads_them() {
        assert_eq!(
            read(Method::GET, "/api/v1/namespaces/b/pods", None),
            owned(["list", "", "pods", "", "", "b"])
        );
        assert_eq!(
            read(
                Method::GET,
                "/api/v1/namespaces/b/pods",
                Some("watch=true&resourceVersion=3")
            ),
            owned(["watch", "", "pods", "", "", "b"])
        );
        assert_eq!(
            read(Method::GET, "/api/v1/namespaces/b/pods/web/log", None),
            owned(["get", "", "pods", "log", "web", "b"])
        );
        // A WebSocket exec is a GET that needs `create`.
        assert_eq!(
            read(
                Method::GET,
                "/api/v1/namespaces/b/pods/web/exec",
                Some("command=ls")
            ),
            owned(["create", "", "pods", "exec", "web", "b"])
        );
        assert_eq!(
            read(
                Method::PUT,
                "/apis/apps/v1/namespaces/b/deployments/web/scale",
                None
            ),
            owned(["update", "apps", "deployments", "scale", "web", "b"])
        );
        assert_eq!(
            read(Method::DELETE, "/api/v1/namespaces/b/pods", None),
            owned(["deletecollection", "", "pods", "", "", "b"])
        );
        assert_eq!(
            read(Method::GET, "/api/v1/namespaces/b", None),
            owned(["get", "", "namespaces", "", "b", "b"])
        );
        assert_eq!(
            read(Method::GET, "/api/v1/namespaces", None),
            owned(["list", "", "namespaces", "", "", ""])
        );
        assert_eq!(
            read(Method::GET, "/apis/apps/v1/deployments", None),
            owned(["list", "apps", "deployments", "", "", ""])
        );
        let discovery = attributes(&Method::GET, "/apis/apps/v1", None);
        assert!(!discovery.resource_request);
        assert_eq!(discovery.verb, "get");
    }

    #[test]
    fn denials_say_what_upstream_says() {
        let ann = UserInfo {
            name: "ann".into(),
            ..Default::default()
        };
        let list = attributes(&Method::GET, "/api/v1/namespaces/b/pods", None);
        assert_eq!(
            forbidden(&ann, &list).to_string(),
            "pods is forbidden: User \"ann\" cannot list resource \"pods\" in API group \"\" in the namespace \"b\""
        );
        let scale = attributes(
            &Method::PATCH,
            "/apis/apps/v1/namespaces/b/deployments/web/scale",
            None,
        );
        assert_eq!(
            forbidden(&ann, &scale).to_string(),
            "deployments.apps \"web\" is forbidden: User \"ann\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"b\""
        );
        let nodes = attributes(&Method::GET, "/api/v1/nodes", None);
        assert!(forbidden(&ann, &nodes)
            .to_string()
            .ends_with("at the cluster scope"));
        let path = attributes(&Method::GET, "/metrics", None);
        assert_eq!(
            forbidden(&ann, &path).to_string(),
            "forbidden: User \"ann\" cannot get path \"/metrics\""
        );
    }
}
