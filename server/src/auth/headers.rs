//! The headers every answer carries: no MIME sniffing, no framing, no referrer to other
//! sites, and for pages a Content-Security-Policy that runs scripts only from Berth
//! (and WebAssembly), so an injected `<script>` does nothing.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Leptos' hydration and resource scripts are inline: they carry the page's nonce,
/// which the page's rendering puts in its own `Content-Security-Policy`.
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{nonce}; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/// The policy of a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    PAGE_POLICY.replace("{nonce}", &format!(" 'nonce-{nonce}'"))
}

pub(super) async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "same-origin");
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // A page without a nonce of its own (the unknown-cluster page) runs no inline
        // script at all.
        let policy = PAGE_POLICY.replace("{nonce}", "");
        if let Ok(value) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}
