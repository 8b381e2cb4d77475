//! How the site's files and the API's answers travel: precompressed files chosen by
//! `Accept-Encoding`, hashed names cached for a year, plain names and dynamic answers
//! revalidated, large answers compressed, watches never held in a compressor.

use crate::common;

use std::io::Read;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::assets::Assets;
use tower::ServiceExt;

const SCRIPT: &str = "export function start() { return 'berth'; }\n";

struct Site {
    router: Router,
    assets: Assets,
    _root: tempfile::TempDir,
}

/// A built site of three files in front of the demo API.
fn site() -> Site {
    let root = tempfile::tempdir().expect("temp dir");
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).expect("pkg");
    std::fs::write(pkg.join("berth.js"), SCRIPT.repeat(200)).expect("js");
    std::fs::write(pkg.join("berth.wasm"), b"\0asm".repeat(3000)).expect("wasm");
    std::fs::write(root.path().join("favicon.svg"), "<svg/>").expect("icon");
    let assets = Assets::load_compressed(root.path()).expect("assets");
    let api = common::Api::demo();
    let router = server::delivery::layers(assets.clone().in_front_of(api.router));
    Site {
        router,
        assets,
        _root: root,
    }
}

async fn get(
    router: &Router,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let Ok(response) = router
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await;
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, headers, body.to_vec())
}

fn header(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

#[tokio::test]
async fn a_file_comes_in_the_best_coding_the_browser_takes() {
    let site = site();
    let chrome = [("accept-encoding", "gzip, deflate, br, zstd")];
    let (status, headers, body) = get(&site.router, "/pkg/berth.js", &chrome).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "br");
    assert_eq!(header(&headers, header::CONTENT_TYPE), "text/javascript");
    assert_eq!(header(&headers, header::VARY), "Accept-Encoding");
    assert!(body.len() < SCRIPT.len() * 20, "{} bytes", body.len());
    let mut plain = Vec::new();
    brotli::Decompressor::new(&body[..], 4096)
        .read_to_end(&mut plain)
        .expect("brotli");
    assert_eq!(plain, SCRIPT.repeat(200).into_bytes());

    let (_, headers, body) = get(
        &site.router,
        "/pkg/berth.js",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "gzip");
    assert_eq!(gunzip(&body), SCRIPT.repeat(200).into_bytes());

    let (_, headers, body) = get(&site.router, "/pkg/berth.js", &[]).await;
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "");
    assert_eq!(body, SCRIPT.repeat(200).into_bytes());
}

#[tokio::test]
async fn forms_compressed_at_build_time_are_served_as_they_are_and_not_as_files() {
    let root = tempfile::tempdir().expect("temp dir");
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).expect("pkg");
    std::fs::write(pkg.join("berth.js"), SCRIPT.repeat(200)).expect("js");
    // Marked bytes, as `tools/assemble-site --precompress` would leave the real forms.
    std::fs::write(pkg.join("berth.js.br"), b"made-at-build-time").expect("br");
    std::fs::write(pkg.join("berth.js.gz"), SCRIPT.repeat(300)).expect("gz, larger");
    let assets = Assets::load_compressed(root.path()).expect("assets");
    let router = assets.in_front_of(Router::new());
    let (status, headers, body) = get(&router, "/pkg/berth.js", &[("accept-encoding", "br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(body, b"made-at-build-time");
    // A form larger than the file is not kept: gzip is made at start instead.
    let (_, headers, body) = get(&router, "/pkg/berth.js", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert!(body.len() < SCRIPT.len() * 200, "{}", body.len());
    let (status, _, _) = get(&router, "/pkg/berth.js.br", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_versioned_folder_is_cached_for_a_year_and_plain_names_revalidated() {
    let site = site();
    let pkg = site.assets.pkg_dir().expect("the app is built");
    let hashed = format!("/{pkg}/berth.wasm");
    let (status, headers, body) = get(&site.router, &hashed, &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&headers, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&headers, header::CONTENT_TYPE), "application/wasm");
    assert_eq!(gunzip(&body), b"\0asm".repeat(3000));

    let (_, headers, _) = get(&site.router, "/pkg/berth.wasm", &[]).await;
    assert_eq!(header(&headers, header::CACHE_CONTROL), "no-cache");
    let etag = header(&headers, header::ETAG).to_owned();
    let (status, _, body) = get(&site.router, "/pkg/berth.wasm", &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());

    // Another version is not this one.
    let (status, _, _) = get(&site.router, "/pkg/0123456789abcdef/berth.wasm", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[test]
fn the_version_changes_with_any_file_of_the_app_and_names_its_split_manifest() {
    let root = tempfile::tempdir().expect("temp dir");
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).expect("pkg");
    std::fs::write(pkg.join("berth.wasm"), b"\0asm").expect("wasm");
    std::fs::write(pkg.join("chunk_1.wasm"), b"\0asm1").expect("chunk");
    let before = Assets::load_compressed(root.path()).expect("assets");
    assert_eq!(before.write_manifest_root().expect("no io error"), None);

    std::fs::write(pkg.join("chunk_1.wasm"), b"\0asm2").expect("chunk");
    std::fs::write(
        pkg.join("__wasm_split_manifest.json"),
        r#"{"a":["chunk_1"]}"#,
    )
    .expect("manifest");
    let after = Assets::load_compressed(root.path()).expect("assets");
    let dir = after.pkg_dir().expect("a version");
    assert_ne!(before.pkg_dir(), Some(dir.clone()));

    // Leptos reads the manifest at <site_root>/<site_pkg_dir>/ to preload a page's chunks.
    let site_root = after
        .write_manifest_root()
        .expect("no io error")
        .expect("a manifest");
    let copied = std::fs::read_to_string(site_root.join(&dir).join("__wasm_split_manifest.json"))
        .expect("the manifest at the versioned path");
    assert_eq!(copied, r#"{"a":["chunk_1"]}"#);
}

#[tokio::test]
async fn large_api_answers_are_compressed_small_ones_and_watches_are_not() {
    let site = site();
    let gzip = [("accept-encoding", "gzip")];
    let (status, headers, body) = get(&site.router, "/api/v1/pods", &gzip).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "gzip");
    assert_eq!(header(&headers, header::CACHE_CONTROL), "no-cache");
    let list: serde_json::Value = serde_json::from_slice(&gunzip(&body)).expect("a pod list");
    assert!(!list["items"].as_array().expect("items").is_empty());

    let (_, headers, _) = get(&site.router, "/version", &gzip).await;
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "");

    // A watch streams: its events must not wait in a compressor's buffer.
    let request = Request::get("/api/v1/pods?watch=1")
        .header("accept-encoding", "gzip")
        .body(Body::empty())
        .expect("request");
    let Ok(response) = site.router.clone().oneshot(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
}
