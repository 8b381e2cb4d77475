//! The site's static files (the WASM, its JS, the stylesheet, icons), served as a CDN
//! would: every file also under a content-hashed name, cached for a year and never
//! asked again; the plain name revalidated each time; Brotli or gzip chosen by
//! `Accept-Encoding`, compressed once at start, not per request.

mod encoding;
mod file;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use encoding::Encoding;
use file::Asset;

/// `Cache-Control` of a content-hashed name: its bytes can never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The loaded site, by URL path (`/pkg/berth.wasm`), each file also by its hashed path.
#[derive(Clone, Default)]
pub struct Assets {
    by_path: HashMap<String, Served>,
}

/// One URL's file, and whether the URL is the hashed one.
#[derive(Clone)]
struct Served {
    asset: Arc<Asset>,
    hashed: bool,
}

impl Assets {
    /// Reads every file under `root` (a missing folder is an empty site, as in tests of
    /// the API alone) and starts compressing them in the background.
    pub fn load(root: &Path) -> std::io::Result<Self> {
        Self::read(root, true)
    }

    /// [`Self::load`], returning once every file is compressed.
    pub fn load_compressed(root: &Path) -> std::io::Result<Self> {
        Self::read(root, false)
    }

    fn read(root: &Path, in_background: bool) -> std::io::Result<Self> {
        let mut assets = Self::default();
        let mut files = Vec::new();
        if root.is_dir() {
            collect(root, &mut files)?;
        }
        for path in files {
            let bytes = std::fs::read(&path)?;
            let Some(url) = url_path(root, &path) else {
                continue;
            };
            let asset = Arc::new(Asset::new(bytes, &url));
            assets.by_path.insert(
                asset.hashed_path(&url),
                Served {
                    asset: Arc::clone(&asset),
                    hashed: true,
                },
            );
            assets.by_path.insert(
                url,
                Served {
                    asset,
                    hashed: false,
                },
            );
        }
        let unique: Vec<Arc<Asset>> = assets
            .by_path
            .values()
            .filter(|s| s.hashed)
            .map(|s| Arc::clone(&s.asset))
            .collect();
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

    /// The content hash of the file at `url` (`/pkg/berth.wasm`), if there is one.
    pub fn hash_of(&self, url: &str) -> Option<&str> {
        self.by_path.get(url).map(|s| s.asset.hash.as_str())
    }

    /// The lines Leptos reads to name the hashed JS and WASM in every page (its
    /// `hash.txt`), plus `css:` for the stylesheet, which the app's shell reads.
    pub fn leptos_hashes(&self, output_name: &str) -> Option<String> {
        let line = |key: &str, ext: &str| {
            self.hash_of(&format!("/pkg/{output_name}.{ext}"))
                .map(|hash| format!("{key}: {hash}\n"))
        };
        Some(line("js", "js")? + &line("wasm", "wasm")? + &line("css", "css").unwrap_or_default())
    }

    /// Writes [`Self::leptos_hashes`] to a file of its own content's name in the
    /// temporary folder, for `LeptosOptions::hash_file`; `None` when the site has no
    /// built app (the names then stay plain).
    pub fn write_leptos_hash_file(&self, output_name: &str) -> std::io::Result<Option<PathBuf>> {
        let Some(hashes) = self.leptos_hashes(output_name) else {
            return Ok(None);
        };
        let name = format!("berth-assets-{}.txt", file::content_hash(hashes.as_bytes()));
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, hashes)?;
        Ok(Some(path))
    }

    /// `router` with these files answered before it: a GET or HEAD of a file's plain or
    /// hashed path is the file; anything else goes on to `router`.
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
        let cache = if served.hashed { IMMUTABLE } else { "no-cache" };
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
