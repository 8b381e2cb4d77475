//! The check every request passes: a `Host` Berth answers to, then who is asking (a
//! client certificate, a bearer token, or a session cookie whose writes carry its CSRF
//! token and come from Berth's own origin). Pages without a user lead to the sign-in page; anything else
//! without one is a 401 `Status`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::session::{self, cookie, CSRF_HEADER, SESSION_COOKIE};
use super::{Auth, ForwardedToken, Mode, UserInfo};
use crate::api::ApiError;
use crate::clusters::{is_api_path, split_prefix};
use crate::tls::ClientCertificate;

/// Why a request has no user.
enum Refusal {
    /// No credentials, or unknown ones.
    Unauthenticated,
    /// A browser write without its session's CSRF token, or from another origin.
    CrossSite(&'static str),
}

/// Paths anyone may read: the sign-in page and the site's static files.
fn is_public(method: &Method, path: &str) -> bool {
    path.starts_with("/pkg/")
        || path == "/favicon.svg"
        || path == "/healthz"
        || path == "/readyz"
        || (path == "/sign-in" && (method == Method::GET || method == Method::POST))
        || (path == "/sign-out" && method == Method::POST)
}

/// Whether a request is for a console page (else the API or the watch socket).
fn is_page(method: &Method, path: &str) -> bool {
    let (_, rest) = split_prefix(path);
    method == Method::GET && !is_api_path(rest) && !path.starts_with("/berth/")
}

/// The host a request was sent to: its `Host` header, or (HTTP/2, which has none)
/// its URI's authority.
fn host_of(request: &Request) -> Option<String> {
    request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()))
}

/// Whether a request names a host in `allowed` (any port).
fn host_allowed(request: &Request, allowed: &[String]) -> bool {
    let Some(host) = host_of(request) else {
        // In-process calls carry none; a browser always sends one.
        return true;
    };
    let host = host.as_str();
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
}

/// Whether a browser request comes from Berth's own pages: its `Origin`, when it has
/// one (browsers send it on every cross-origin write and WebSocket), names the host it
/// was sent to.
pub(super) fn same_origin(request: &Request) -> bool {
    let Some(origin) = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok())
    else {
        return true;
    };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    host_of(request).is_some_and(|host| origin_host == Some(host.as_str()))
}

/// Whether the request changes something (or opens a socket), so must come from
/// Berth's own pages when a browser sends it.
fn is_write(request: &Request) -> bool {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    !safe || request.headers().contains_key(header::UPGRADE)
}

/// Who a request is from: the user, and with passthrough their token for the cluster.
type Identity = (UserInfo, Option<ForwardedToken>);

/// The bearer token of a request's `Authorization` header.
fn bearer(request: &Request) -> Option<&str> {
    request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The user behind a request.
fn identify(auth: &Auth, request: &Request) -> Result<Identity, Refusal> {
    let headers = request.headers();
    if auth.mode == Mode::None {
        // Nobody signs in, so a page of any site the user visits could otherwise act
        // as the administrator through the browser.
        if is_write(request) && !same_origin(request) {
            return Err(Refusal::CrossSite("the request comes from another site"));
        }
        // A ServiceAccount's token still acts as the account, as a pod's would.
        let account = bearer(request).and_then(|token| auth.account_of_token(token));
        return Ok((account.unwrap_or_else(super::administrator), None));
    }
    if auth.mode == Mode::Token {
        // kube-apiserver asks the x509 authenticator before the token ones.
        let certified = request.extensions().get::<ClientCertificate>();
        if let Some(ClientCertificate(Some(user))) = certified {
            // A browser sends its certificate to any page that asks: as with `none`.
            if is_write(request) && !same_origin(request) {
                return Err(Refusal::CrossSite("the request comes from another site"));
            }
            return Ok((user.clone(), None));
        }
    }
    if headers.contains_key(header::AUTHORIZATION) {
        let token = bearer(request).ok_or(Refusal::Unauthenticated)?;
        if auth.mode == Mode::Passthrough {
            // The cluster checks the token on every request Berth forwards to it.
            let forwarded = auth
                .forwarded(token.to_owned())
                .ok_or(Refusal::Unauthenticated)?;
            return Ok((super::cluster_user(), Some(forwarded)));
        }
        return auth
            .user_of_token(token)
            .map(|user| (user, None))
            .ok_or(Refusal::Unauthenticated);
    }
    let cookies = headers
        .get(header::COOKIE)
        .and_then(|c| c.to_str().ok())
        .unwrap_or_default();
    let session = cookie(cookies, SESSION_COOKIE)
        .and_then(|id| auth.sessions.get(id))
        .ok_or(Refusal::Unauthenticated)?;
    if is_write(request) && !same_origin(request) {
        return Err(Refusal::CrossSite("the request comes from another site"));
    }
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if sent != Some(session.csrf.as_str()) {
            return Err(Refusal::CrossSite("the request lacks its CSRF token"));
        }
    }
    let forwarded = session.forwarded.and_then(|token| auth.forwarded(token));
    Ok((session.user, forwarded))
}

/// Signs a browser in from a link that carries a token (`/?token=…`, as printed at
/// start), then leads to the same address without it.
fn sign_in_by_link(auth: &Auth, request: &Request) -> Option<Response> {
    let query = request.uri().query()?;
    let token = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))?;
    let user = auth.user_of_token(token)?;
    let (id, csrf) = auth.sessions.open(user, None);
    // Only a path of this site: `//evil.example` would leave it.
    let here = request.uri().path();
    let here = if here.starts_with("//") { "/" } else { here };
    let mut response = Redirect::to(here).into_response();
    for value in session::set_cookies(Some((&id, &csrf)), auth.secure) {
        if let Ok(value) = value.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Some(response)
}

/// The middleware: see the module's documentation.
pub(super) async fn authenticate(
    State(auth): State<Arc<Auth>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(allowed) = &auth.hosts {
        if !host_allowed(&request, allowed) {
            return ApiError::Forbidden {
                message: "Berth does not answer to this host name".to_owned(),
                details: None,
            }
            .into_response();
        }
    }
    let path = request.uri().path().to_owned();
    if is_public(request.method(), &path) {
        return next.run(request).await;
    }
    if request.method() == Method::GET {
        if let Some(signed_in) = sign_in_by_link(&auth, &request) {
            return signed_in;
        }
    }
    match identify(&auth, &request) {
        Ok((user, forwarded)) => {
            request.extensions_mut().insert(user);
            request
                .extensions_mut()
                .insert(super::TokenAuthenticator(Arc::clone(&auth)));
            if let Some(token) = forwarded {
                request.extensions_mut().insert(token);
            }
            if auth.mode != Mode::None {
                request.extensions_mut().insert(super::sign_in::Signed);
            }
            next.run(request).await
        }
        Err(Refusal::Unauthenticated) if is_page(request.method(), &path) => {
            let then = request.uri().path_and_query().map_or("/", |p| p.as_str());
            let target = format!("/sign-in?then={}", app::api::paths::encode_value(then));
            Redirect::to(&target).into_response()
        }
        Err(Refusal::Unauthenticated) => ApiError::Unauthorized.into_response(),
        Err(Refusal::CrossSite(why)) => ApiError::Forbidden {
            message: why.to_owned(),
            details: None,
        }
        .into_response(),
    }
}
