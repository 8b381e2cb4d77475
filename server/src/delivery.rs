//! How answers that are made per request travel: pages and large API answers
//! compressed, and none of them kept by a browser's cache without asking again.
//! (The site's static files set their own headers: see [`crate::assets`].)

use axum::http::{header, HeaderValue, Response};
use axum::Router;
use tower_http::compression::predicate::Predicate;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// Below this size compressing saves less than a packet.
const MIN_COMPRESSED: u64 = 1024;

/// `router` with its answers compressed when that helps and marked `no-cache` when
/// they say nothing of caching themselves.
pub fn layers(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(
            CompressionLayer::new()
                // Fast levels: a list of 10,000 pods is compressed on every read.
                .quality(CompressionLevel::Precise(4))
                .compress_when(LargeText),
        )
}

/// What to compress: pages, and JSON, YAML or text answers of a known size of at
/// least [`MIN_COMPRESSED`]. An answer of unknown size other than a page is a stream
/// (a watch, followed logs), whose events must not wait in a compressor's buffer.
#[derive(Debug, Clone, Copy)]
pub struct LargeText;

impl Predicate for LargeText {
    fn should_compress<B>(&self, response: &Response<B>) -> bool
    where
        B: http_body::Body,
    {
        let kind = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if kind.starts_with("text/html") {
            return true;
        }
        let textual = ["application/json", "application/yaml", "text/"]
            .iter()
            .any(|t| kind.starts_with(t));
        let size = response.body().size_hint().exact().or_else(|| {
            response
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok()?.parse().ok())
        });
        textual && size.is_some_and(|s| s >= MIN_COMPRESSED)
    }
}
