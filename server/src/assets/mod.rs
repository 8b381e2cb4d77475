//! The site's static files (the WASM and its chunks, their JS, the stylesheet, icons),
//! served as a CDN would: the built app's folder (`/pkg/`) also under a versioned path
//! (`/pkg/<hash of every file in it>/`), cached for a year and never asked again; plain
//! paths revalidated each time; Brotli or gzip chosen by `Accept-Encoding`, compressed
//! once at start, not per request.
//!
//! One version for the whole folder rather than a hash per file: the main JS, the WASM
//! chunks' loader and the chunks name each other by relative paths, so a folder that
//! changes as one keeps every one of those names right without rewriting a byte.

mod encoding;
mod file;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use encoding::Encoding;
use file::Asset;

/// `Cache-Control` of a versioned path: its bytes can never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The built app's folder, as URLs name it.
const PKG: &str = "/pkg/";

/// A site larger than this is a debug build (its WASM, split, is 60 MB), served on the
/// developer's own machine, where compressing it for minutes on every start, beside
/// the tests' other servers, would cost more than it saves: none of it is compressed.
const MOST_COMPRESSED_SITE: usize = 32 << 20;

/// The file that lists, per lazy page, the WASM chunks it needs (written where the WASM
/// is split: `tools/assemble-site`).
const SPLIT_MANIFEST: &str = "__wasm_split_manifest.json";

/// The loaded site, by URL path (`/pkg/berth.wasm`); the app's folder also by its
/// versioned path (`/pkg/<version>/berth.wasm`).
#[derive(Clone, Default)]
pub struct Assets {
    by_path: HashMap<String, Served>,
    /// The hash of every file under `/pkg/`, when there are any.
    version: Option<String>,
}

/// One URL's file, and whether the URL is the versioned one.
#[derive(Clone)]
struct Served {
    asset: Arc<Asset>,
    versioned: bool,
}

impl Assets {
    /// Reads every file under `root` (a missing folder is an empty site, as in tests of
    /// the API alone) and starts compressing them in the background.
    pub fn load(root: &Path) -> std::io::Result<Self> {
        Self::gather(read_folder(root)?, true)
    }

    /// [`Self::load`], returning once every file is compressed.
    pub fn load_compressed(root: &Path) -> std::io::Result<Self> {
        Self::gather(read_folder(root)?, false)
    }

    /// Serves `files` (URL path and bytes: the site built into the binary) and
    /// starts compressing what was not compressed at build time.
    pub fn from_files(files: Vec<(String, Bytes)>) -> std::io::Result<Self> {
        Self::gather(files, true)
    }

    /// Serves `files` (URL path and bytes). A file's `.br` and `.gz` beside it, as
    /// `tools/assemble-site --precompress` leaves them, are its compressed forms.
    fn gather(files: Vec<(String, Bytes)>, in_background: bool) -> std::io::Result<Self> {
        let (compressed, plain): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(url, _)| url.ends_with(".br") || url.ends_with(".gz"));
        let mut loaded: Vec<(String, Arc<Asset>)> = plain
            .into_iter()
            .map(|(url, bytes)| {
                let asset = Arc::new(Asset::new(bytes, &url));
                (url, asset)
            })
            .collect();
        for (url, bytes) in compressed {
            let (base, encoding) = match url.strip_suffix(".br") {
                Some(base) => (base, Encoding::Brotli),
                None => (url.trim_end_matches(".gz"), Encoding::Gzip),
            };
            if let Some((_, asset)) = loaded.iter().find(|(u, _)| u == base) {
                asset.adopt(encoding, bytes);
            }
        }
        loaded.sort_by(|a, b| a.0.cmp(&b.0));
        let mut assets = Self {
            by_path: HashMap::new(),
            version: folder_version(&loaded),
        };
        for (url, asset) in &loaded {
            if let (Some(rest), Some(version)) = (url.strip_prefix(PKG), &assets.version) {
                let served = Served {
                    asset: Arc::clone(asset),
                    versioned: true,
                };
                assets
                    .by_path
                    .insert(format!("{PKG}{version}/{rest}"), served);
            }
            let served = Served {
                asset: Arc::clone(asset),
                versioned: false,
            };
            assets.by_path.insert(url.clone(), served);
        }
        let site: usize = loaded.iter().map(|(_, a)| a.len()).sum();
        let unique: Vec<Arc<Asset>> = if site > MOST_COMPRESSED_SITE {
            Vec::new()
        } else {
            loaded.into_iter().map(|(_, a)| a).collect()
        };
        let compress = move || unique.iter().for_each(|a| a.compress());
        if in_background {
            std::thread::Builder::new()
                .name("compress-assets".to_owned())
                .spawn(compress)?;
        } else {
            compress();
        }
        Ok(assets)
    }

    /// The app's folder as pages name it (`pkg/<version>`, Leptos' `site_pkg_dir`),
    /// `None` when the site has no built app (the folder then stays `pkg`).
    pub fn pkg_dir(&self) -> Option<String> {
        self.version.as_ref().map(|v| format!("pkg/{v}"))
    }

    /// A folder for Leptos' `site_root` holding only the split manifest at the
    /// versioned path, where Leptos reads it to have each page preload its own chunks
    /// alongside the main WASM; `None` when the app was not built split. Files are
    /// served from memory, so the site root has no other use.
    pub fn write_manifest_root(&self) -> std::io::Result<Option<PathBuf>> {
        let (Some(version), Some(manifest)) = (
            &self.version,
            self.by_path.get(&format!("{PKG}{SPLIT_MANIFEST}")),
        ) else {
            return Ok(None);
        };
        let root = std::env::temp_dir().join(format!("berth-site-{version}"));
        let folder = root.join("pkg").join(version);
        std::fs::create_dir_all(&folder)?;
        // Written aside and renamed: servers started together share the folder.
        let partial = folder.join(format!("{SPLIT_MANIFEST}.{}", std::process::id()));
        std::fs::write(&partial, manifest.asset.body(Encoding::Identity))?;
        std::fs::rename(&partial, folder.join(SPLIT_MANIFEST))?;
        Ok(Some(root))
    }

    /// `router` with these files answered before it: a GET or HEAD of a file's plain or
    /// versioned path is the file; anything else goes on to `router`.
    pub fn in_front_of(self, router: Router) -> Router {
        router.layer(middleware::from_fn_with_state(Arc::new(self), serve))
    }

    fn answer(&self, path: &str, request: &HeaderMap) -> Option<Response> {
        let served = self.by_path.get(path)?;
        let asset = &served.asset;
        let encoding = Encoding::choose(request, |e| asset.has(e));
        let etag = format!("\"{}{}\"", asset.hash, encoding.etag_suffix());
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        let cache = if served.versioned {
            IMMUTABLE
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
        if let Some(name) = encoding.header() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        let fresh = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
        if fresh {
            return Some((StatusCode::NOT_MODIFIED, headers).into_response());
        }
        Some((headers, asset.body(encoding)).into_response())
    }
}

async fn serve(State(assets): State<Arc<Assets>>, request: Request, next: Next) -> Response {
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    match readable.then(|| assets.answer(request.uri().path(), request.headers())) {
        Some(Some(answer)) => answer,
        _ => next.run(request).await,
    }
}

/// One hash over the names and contents of every file under `/pkg/`.
fn folder_version(files: &[(String, Arc<Asset>)]) -> Option<String> {
    let listing: String = files
        .iter()
        .filter(|(url, _)| url.starts_with(PKG))
        .map(|(url, asset)| format!("{url} {}\n", asset.hash))
        .collect();
    (!listing.is_empty()).then(|| file::content_hash(listing.as_bytes()))
}

/// Every file under `root`, by URL path; none when there is no such folder.
fn read_folder(root: &Path) -> std::io::Result<Vec<(String, Bytes)>> {
    let mut paths = Vec::new();
    if root.is_dir() {
        collect(root, &mut paths)?;
    }
    let mut files = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path)?;
        if let Some(url) = url_path(root, &path) {
            files.push((url, Bytes::from(bytes)));
        }
    }
    Ok(files)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// `/pkg/berth.wasm` for `<root>/pkg/berth.wasm`; `None` for a name that is not UTF-8.
fn url_path(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = relative.iter().map(|p| p.to_str()).collect();
    Some(format!("/{}", parts?.join("/")))
}
