//! Signing in and out. The sign-in page is the console's (`/sign-in`); its form posts
//! the token here, which opens a session and leads on. Failed attempts are limited per
//! address, so a token can't be guessed by trying.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Json, Router};
use serde::Deserialize;

use super::guard::same_origin;
use super::session::{self, cookie, SESSION_COOKIE};
use super::{Auth, UserInfo};

/// Failed sign-ins allowed per address in one [`WINDOW`].
const MOST_FAILURES: u32 = 10;
/// The window failed sign-ins are counted in.
const WINDOW: Duration = Duration::from_secs(60);

/// Failed sign-ins per client address, in the current window.
#[derive(Default)]
pub struct Limiter(HashMap<IpAddr, (Instant, u32)>);

impl Limiter {
    /// Whether `from` may try again now.
    fn allows(&mut self, from: IpAddr, now: Instant) -> bool {
        self.0
            .retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        self.0
            .get(&from)
            .is_none_or(|(_, failures)| *failures < MOST_FAILURES)
    }

    fn failed(&mut self, from: IpAddr, now: Instant) {
        self.0.entry(from).or_insert((now, 0)).1 += 1;
    }
}

#[derive(Deserialize)]
struct SignIn {
    token: String,
    #[serde(default)]
    then: String,
}

pub(super) fn routes(auth: Arc<Auth>) -> Router {
    Router::new()
        .route("/sign-in", post(sign_in))
        .route("/sign-out", post(sign_out))
        .with_state(auth)
}

/// `/berth/whoami`, among the routes server-side rendering reads.
pub fn account_routes() -> Router {
    Router::new().route("/berth/whoami", get(whoami))
}

/// Where to go after signing in: a path of this site, else the console's start.
fn local(then: &str) -> &str {
    // Browsers drop tabs and newlines and read `\` as `/`: `/\t/evil.example` is
    // `//evil.example` to them.
    let odd = then
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if then.starts_with('/') && !then.starts_with("//") && !odd {
        then
    } else {
        "/"
    }
}

fn with_cookies(mut response: Response, cookies: [String; 2]) -> Response {
    for value in cookies {
        if let Ok(value) = value.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

async fn sign_in(State(auth): State<Arc<Auth>>, request: Request) -> Response {
    if !same_origin(&request) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let from = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
    let now = Instant::now();
    let allowed = auth
        .limiter
        .lock()
        .map(|mut l| l.allows(from, now))
        .unwrap_or(false);
    if !allowed {
        return Redirect::to("/sign-in?failed=limited").into_response();
    }
    let Ok(Form(form)) = Form::<SignIn>::from_request(request, &()).await else {
        return Redirect::to("/sign-in?failed=token").into_response();
    };
    let token = form.token.trim().to_owned();
    let known = if auth.passes_through() {
        check_with_cluster(&auth, &token)
            .await
            .map(|user| (user, Some(token)))
    } else {
        auth.user_of_token(&token).map(|user| (user, None))
    };
    let Some((user, forwarded)) = known else {
        if let Ok(mut limiter) = auth.limiter.lock() {
            limiter.failed(from, now);
        }
        let then = app::api::paths::encode_value(&form.then);
        return Redirect::to(&format!("/sign-in?failed=token&then={then}")).into_response();
    };
    let (id, csrf) = auth.sessions.open(user, forwarded);
    let response = Redirect::to(local(&form.then)).into_response();
    with_cookies(
        response,
        session::set_cookies(Some((&id, &csrf)), auth.secure),
    )
}

/// With passthrough: whether the cluster takes `token` (its discovery answers), and
/// who it says the user is (SelfSubjectReview, where the cluster serves it).
async fn check_with_cluster(auth: &Auth, token: &str) -> Option<UserInfo> {
    use tower::ServiceExt;
    let (name, cluster) = auth.cluster.get()?.clone();
    let as_user = |method: &str, path: &str, body: &'static str| {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(body))
            .ok()?;
        request.extensions_mut().insert(super::ForwardedToken {
            token: token.to_owned(),
            cluster: name.clone(),
        });
        Some(request)
    };
    let Ok(discovery) = cluster.clone().oneshot(as_user("GET", "/api", "")?).await;
    if !discovery.status().is_success() {
        return None;
    }
    let review = r#"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#;
    let path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
    let Ok(answer) = cluster.oneshot(as_user("POST", path, review)?).await;
    let mut user = super::cluster_user();
    if answer.status().is_success() {
        if let Ok(body) = http_body_util::BodyExt::collect(answer.into_body()).await {
            let review: serde_json::Value =
                serde_json::from_slice(&body.to_bytes()).unwrap_or_default();
            let info = &review["status"]["userInfo"];
            if let Some(name) = info["username"].as_str() {
                user.name = name.to_owned();
            }
            if let Some(groups) = info["groups"].as_array() {
                user.groups = groups
                    .iter()
                    .filter_map(|g| g.as_str().map(str::to_owned))
                    .collect();
            }
        }
    }
    Some(user)
}

async fn sign_out(State(auth): State<Arc<Auth>>, request: Request) -> Response {
    if !same_origin(&request) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let cookies = request
        .headers()
        .get(header::COOKIE)
        .and_then(|c| c.to_str().ok())
        .unwrap_or_default();
    if let Some(id) = cookie(cookies, SESSION_COOKIE) {
        auth.sessions.close(id);
    }
    let response = Redirect::to("/sign-in?signed_out=1").into_response();
    with_cookies(response, session::set_cookies(None, auth.secure))
}

/// `GET /berth/whoami`: who the console is signed in as, and whether there is a
/// session to end (none with `--auth none`).
async fn whoami(user: Option<Extension<UserInfo>>, session: Option<Extension<Signed>>) -> Response {
    let user = user.map(|Extension(u)| u).unwrap_or_default();
    Json(serde_json::json!({
        "name": user.name,
        "groups": user.groups,
        "signedIn": session.is_some(),
    }))
    .into_response()
}

/// Marks a request made in a signed-in session (a cookie or a token, not `--auth none`).
#[derive(Debug, Clone, Copy)]
pub struct Signed;

use axum::extract::FromRequest;

#[cfg(test)]
mod tests {
    use super::{local, Limiter, MOST_FAILURES};
    use std::net::IpAddr;
    use std::time::{Duration, Instant};

    #[test]
    fn only_local_paths_are_followed_after_signing_in() {
        assert_eq!(local("/namespaces/a/pods"), "/namespaces/a/pods");
        assert_eq!(local("//evil.example/"), "/");
        assert_eq!(local("https://evil.example/"), "/");
        assert_eq!(local("/\\evil.example"), "/");
        assert_eq!(local("/\t/evil.example"), "/");
    }

    #[test]
    fn failures_are_limited_per_address_and_window() {
        let mut limiter = Limiter::default();
        let (ann, bob) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let start = Instant::now();
        for _ in 0..MOST_FAILURES {
            assert!(limiter.allows(ann, start));
            limiter.failed(ann, start);
        }
        assert!(!limiter.allows(ann, start));
        assert!(limiter.allows(bob, start));
        assert!(limiter.allows(ann, start + Duration::from_secs(61)));
    }
}
