//! The site built into the binary, so that a release `berth` runs from any folder:
//! `target/site` as the release build left it. Only this file (the binary's own crate)
//! embeds it, so a new site recompiles this file and relinks, not the server library;
//! the Makefile builds it after the site. Debug builds read the same folder from disk
//! instead (rust-embed's debug mode), so a debug binary serves the site last built.

use axum::body::Bytes;
use rust_embed::Embed;

#[derive(Embed)]
#[folder = "../target/site"]
#[allow_missing = true]
struct Site;

/// Every file of the built-in site, by URL path (`/pkg/berth.wasm`).
pub fn files() -> Vec<(String, Bytes)> {
    Site::iter()
        .filter_map(|path| {
            let file = Site::get(&path)?;
            let bytes = match file.data {
                std::borrow::Cow::Borrowed(bytes) => Bytes::from_static(bytes),
                std::borrow::Cow::Owned(bytes) => Bytes::from(bytes),
            };
            Some((format!("/{path}"), bytes))
        })
        .collect()
}
