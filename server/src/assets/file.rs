//! One static file: its bytes, its content hash, and its compressed forms once made.

use std::io::Write;
use std::sync::OnceLock;

use axum::body::Bytes;
use sha2::{Digest, Sha256};

use super::Encoding;

/// Files larger than this are not compressed: only debug builds of the WASM are (30 MB
/// and more), served on the developer's own machine, where compressing them for
/// minutes would cost more than it saves.
const MAX_COMPRESSED: usize = 16 << 20;

/// A static file.
pub(super) struct Asset {
    plain: Bytes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
    /// The first 16 hex digits of its SHA-256.
    pub hash: String,
    /// Its `Content-Type`.
    pub content_type: &'static str,
}

impl Asset {
    pub fn new(bytes: Bytes, url: &str) -> Self {
        Self {
            hash: content_hash(&bytes),
            plain: bytes,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
            content_type: content_type(url),
        }
    }

    /// Makes the Brotli and gzip forms it lacks, keeping each only if it is smaller;
    /// the slow part of a start, so it runs on a thread of its own while the plain
    /// bytes serve.
    pub fn compress(&self) {
        if self.plain.len() > MAX_COMPRESSED || !compressible(self.content_type) {
            return;
        }
        if self.brotli.get().is_none() {
            if let Some(bytes) = brotli(&self.plain) {
                self.adopt(Encoding::Brotli, Bytes::from(bytes));
            }
        }
        if self.gzip.get().is_none() {
            if let Some(bytes) = gzip(&self.plain) {
                self.adopt(Encoding::Gzip, Bytes::from(bytes));
            }
        }
    }

    /// Takes `bytes` as its form in `encoding` (made at build time), if smaller than
    /// the plain bytes.
    pub fn adopt(&self, encoding: Encoding, bytes: Bytes) {
        if bytes.len() >= self.plain.len() || !compressible(self.content_type) {
            return;
        }
        let _ = match encoding {
            Encoding::Brotli => self.brotli.set(bytes),
            Encoding::Gzip => self.gzip.set(bytes),
            Encoding::Identity => Ok(()),
        };
    }

    /// Its size, plain.
    pub fn len(&self) -> usize {
        self.plain.len()
    }

    /// Whether the form `encoding` is ready.
    pub fn has(&self, encoding: Encoding) -> bool {
        match encoding {
            Encoding::Brotli => self.brotli.get().is_some(),
            Encoding::Gzip => self.gzip.get().is_some(),
            Encoding::Identity => true,
        }
    }

    /// The bytes in `encoding` (the plain ones if that form is not ready).
    pub fn body(&self, encoding: Encoding) -> Bytes {
        let ready = match encoding {
            Encoding::Brotli => self.brotli.get(),
            Encoding::Gzip => self.gzip.get(),
            Encoding::Identity => None,
        };
        ready.unwrap_or(&self.plain).clone()
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub(super) fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Brotli at its best quality: made once, downloaded on every cold visit.
fn brotli(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let mut writer = brotli::CompressorWriter::new(&mut out, 64 << 10, 11, 22);
    writer.write_all(bytes).ok()?;
    drop(writer);
    Some(out)
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

fn content_type(url: &str) -> &'static str {
    match url.rsplit_once('.').map(|(_, ext)| ext) {
        Some("wasm") => "application/wasm",
        Some("js" | "mjs") => "text/javascript",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("html") => "text/html; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt" | "ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether compressing can help: not for formats that are compressed already.
fn compressible(content_type: &str) -> bool {
    !matches!(
        content_type,
        "image/png" | "font/woff2" | "application/octet-stream"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sixteen_hex_digits_of_the_content() {
        let a = Asset::new(Bytes::from_static(b"x"), "/pkg/berth.wasm");
        assert_eq!(a.hash.len(), 16);
        assert!(a.hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(a.hash, Asset::new(Bytes::from_static(b"x"), "/other").hash);
        assert_ne!(
            a.hash,
            Asset::new(Bytes::from_static(b"y"), "/pkg/berth.wasm").hash
        );
    }

    #[test]
    fn a_form_that_is_not_smaller_is_not_kept() {
        let asset = Asset::new(Bytes::from_static(&[7]), "/a.js");
        asset.compress();
        assert!(!asset.has(Encoding::Brotli) && !asset.has(Encoding::Gzip));
        let text = Asset::new(Bytes::from("berth ".repeat(1000)), "/a.js");
        text.compress();
        assert!(text.has(Encoding::Brotli) && text.has(Encoding::Gzip));
        assert!(text.body(Encoding::Brotli).len() < 100);
    }
}
