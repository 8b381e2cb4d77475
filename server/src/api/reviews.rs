//! "What may I do?" and "who am I?", as kube-apiserver answers them:
//! `authorization.k8s.io/v1` SelfSubjectAccessReview (`kubectl auth can-i`) and
//! SelfSubjectRulesReview (`kubectl auth can-i --list`), and `authentication.k8s.io/v1`
//! SelfSubjectReview (`kubectl auth whoami`), for the user the request comes from; and
//! TokenReview, for whoever a token stands for.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use engine::rbac::{authorize, rules_for, Attributes, UserInfo};
use k8s_openapi::api::authentication::v1::{
    SelfSubjectReview, SelfSubjectReviewStatus, TokenReview, TokenReviewStatus,
    UserInfo as ReviewedUser,
};
use k8s_openapi::api::authorization::v1::{
    NonResourceRule, ResourceRule, SelfSubjectAccessReview, SelfSubjectRulesReview,
    SubjectAccessReviewStatus, SubjectRulesReviewStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    APIGroup, APIResource, APIResourceList, GroupVersionForDiscovery, ServerAddressByClientCIDR,
};

use super::status::ApiError;
use super::write::json_body;
use crate::auth::TokenAuthenticator;
use crate::cluster::Cluster;

const AUTHORIZATION: &str = "authorization.k8s.io";
const AUTHENTICATION: &str = "authentication.k8s.io";

/// The review routes and their discovery documents.
pub fn routes(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    router
        .route(
            &format!("/apis/{AUTHORIZATION}/v1"),
            get(|| async {
                Json(resources(
                    AUTHORIZATION,
                    &[
                        ("selfsubjectaccessreviews", "SelfSubjectAccessReview"),
                        ("selfsubjectrulesreviews", "SelfSubjectRulesReview"),
                    ],
                ))
            }),
        )
        .route(
            &format!("/apis/{AUTHENTICATION}/v1"),
            get(|| async {
                Json(resources(
                    AUTHENTICATION,
                    &[
                        ("selfsubjectreviews", "SelfSubjectReview"),
                        ("tokenreviews", "TokenReview"),
                    ],
                ))
            }),
        )
        .route(
            &format!("/apis/{AUTHORIZATION}/v1/selfsubjectaccessreviews"),
            post(access),
        )
        .route(
            &format!("/apis/{AUTHORIZATION}/v1/selfsubjectrulesreviews"),
            post(rules),
        )
        .route(
            &format!("/apis/{AUTHENTICATION}/v1/selfsubjectreviews"),
            post(whoami),
        )
        .route(
            &format!("/apis/{AUTHENTICATION}/v1/tokenreviews"),
            post(token_review),
        )
}

/// The two groups' entries in `/apis`.
pub fn groups(addresses: Vec<ServerAddressByClientCIDR>) -> Vec<APIGroup> {
    [AUTHENTICATION, AUTHORIZATION]
        .into_iter()
        .map(|group| {
            let version = GroupVersionForDiscovery {
                group_version: format!("{group}/v1"),
                version: "v1".to_owned(),
            };
            APIGroup {
                name: group.to_owned(),
                preferred_version: Some(version.clone()),
                server_address_by_client_cidrs: Some(addresses.clone()),
                versions: vec![version],
            }
        })
        .collect()
}

fn resources(group: &str, kinds: &[(&str, &str)]) -> APIResourceList {
    APIResourceList {
        group_version: format!("{group}/v1"),
        resources: kinds
            .iter()
            .map(|(name, kind)| APIResource {
                name: (*name).to_owned(),
                singular_name: String::new(),
                namespaced: false,
                kind: (*kind).to_owned(),
                verbs: vec!["create".to_owned()],
                ..Default::default()
            })
            .collect(),
    }
}

type User = Option<Extension<UserInfo>>;

fn user(user: User) -> Result<UserInfo, ApiError> {
    user.map(|Extension(u)| u).ok_or(ApiError::Unauthorized)
}

/// A review read from its body (JSON or protobuf), with its `apiVersion` and `kind`.
fn read<T: serde::de::DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_value(json_body(headers, body)?)
        .map_err(|e| ApiError::BadRequest(e.to_string()))
}

fn created<T: serde::Serialize>(review: &T) -> Response {
    (StatusCode::CREATED, Json(review)).into_response()
}

async fn access(
    State(cluster): State<Arc<Cluster>>,
    who: User,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let user = user(who)?;
    let mut review: SelfSubjectAccessReview = read(&headers, &body)?;
    let attributes = match (
        &review.spec.resource_attributes,
        &review.spec.non_resource_attributes,
    ) {
        (Some(r), _) => Attributes {
            verb: r.verb.clone().unwrap_or_default(),
            resource_request: true,
            api_group: r.group.clone().unwrap_or_default(),
            resource: r.resource.clone().unwrap_or_default(),
            subresource: r.subresource.clone().unwrap_or_default(),
            name: r.name.clone().unwrap_or_default(),
            namespace: r.namespace.clone().unwrap_or_default(),
            path: String::new(),
        },
        (None, Some(n)) => Attributes {
            verb: n.verb.clone().unwrap_or_default(),
            path: n.path.clone().unwrap_or_default(),
            ..Default::default()
        },
        (None, None) => return Err(ApiError::Unprocessable(
            "spec: exactly one of nonResourceAttributes or resourceAttributes must be specified"
                .to_owned(),
        )),
    };
    let allowed = cluster.read(|e| authorize(e.store(), &user, &attributes));
    review.status = Some(SubjectAccessReviewStatus {
        allowed,
        reason: allowed.then(|| "RBAC: allowed by a role bound to the user".to_owned()),
        ..Default::default()
    });
    Ok(created(&review))
}

async fn rules(
    State(cluster): State<Arc<Cluster>>,
    who: User,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let user = user(who)?;
    let mut review: SelfSubjectRulesReview = read(&headers, &body)?;
    let namespace = review.spec.namespace.clone().unwrap_or_default();
    let all = cluster.read(|e| rules_for(e.store(), &user, &namespace));
    let (mut resource_rules, mut non_resource_rules) = (Vec::new(), Vec::new());
    for rule in all {
        if let Some(urls) = rule.non_resource_urls.filter(|u| !u.is_empty()) {
            non_resource_rules.push(NonResourceRule {
                verbs: rule.verbs,
                non_resource_urls: Some(urls),
            });
        } else {
            resource_rules.push(ResourceRule {
                verbs: rule.verbs,
                api_groups: rule.api_groups,
                resources: rule.resources,
                resource_names: rule.resource_names,
            });
        }
    }
    review.status = Some(SubjectRulesReviewStatus {
        resource_rules,
        non_resource_rules,
        incomplete: false,
        evaluation_error: None,
    });
    Ok(created(&review))
}

async fn whoami(who: User, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let user = user(who)?;
    let mut review: SelfSubjectReview = if body.is_empty() {
        SelfSubjectReview::default()
    } else {
        read(&headers, &body)?
    };
    review.status = Some(SelfSubjectReviewStatus {
        user_info: Some(ReviewedUser {
            username: Some(user.name),
            uid: (!user.uid.is_empty()).then_some(user.uid),
            groups: Some(user.groups),
            extra: None,
        }),
    });
    Ok(created(&review))
}

/// A TokenReview: whether the token in its spec signs someone in here, and who. The
/// reviewer needs `create tokenreviews` (`system:auth-delegator`), checked with every
/// request's authorization.
async fn token_review(
    who: User,
    authenticator: Option<Extension<TokenAuthenticator>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    user(who)?;
    let mut review: TokenReview = read(&headers, &body)?;
    let token = review.spec.token.as_deref().unwrap_or_default();
    let reviewed = authenticator.and_then(|Extension(a)| a.review(token));
    review.status = Some(match reviewed {
        Some(user) => TokenReviewStatus {
            authenticated: Some(true),
            user: Some(ReviewedUser {
                username: Some(user.name),
                uid: (!user.uid.is_empty()).then_some(user.uid),
                groups: Some(user.groups),
                extra: None,
            }),
            ..Default::default()
        },
        None => TokenReviewStatus {
            authenticated: Some(false),
            error: Some("invalid bearer token".to_owned()),
            ..Default::default()
        },
    });
    Ok(created(&review))
}
