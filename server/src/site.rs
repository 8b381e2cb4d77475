//! The whole site: the API, and the console rendered on the server over that same API.

use std::sync::Arc;

use app::api::ApiTransport;
use app::{shell, App};
use axum::body::Body;
use axum::http::Request;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::*;
use leptos_axum::{generate_route_list_with_exclusions, LeptosRoutes};
use tower::ServiceExt;

use crate::clusters::Clusters;
use crate::multiplex;

/// Calls the API router in process: what server-side rendering reads.
fn transport(api: Router) -> ApiTransport {
    ApiTransport(Arc::new(move |path: String| {
        let api = api.clone();
        Box::pin(async move {
            let Ok(request) = Request::get(&path).body(Body::empty()) else {
                return (400, format!("bad path {path:?}"));
            };
            let Ok(response) = api.oneshot(request).await;
            let code = response.status().as_u16();
            match response.into_body().collect().await {
                Ok(body) => (code, String::from_utf8_lossy(&body.to_bytes()).into_owned()),
                Err(e) => (500, e.to_string()),
            }
        })
    }))
}

/// The router serving the API of every cluster, the console's pages (also under each
/// cluster's `/c/<name>/` prefix) and the static site files.
pub fn router(clusters: Arc<Clusters>, options: LeptosOptions) -> Router {
    let api = clusters.router(None);
    let transport = transport(api.clone());
    // `/` is answered here with a plain 302 (a streamed page can't change its status);
    // the app keeps its own `/` route for navigations inside the browser.
    let routes = generate_route_list_with_exclusions(App, Some(vec!["/".to_owned()]));
    let context = move || provide_context(transport.clone());
    let app_shell = {
        let options = options.clone();
        move || shell(options.clone())
    };
    // A page under a cluster's prefix: the app takes the prefix as its router's base.
    let prefixed = Router::new().fallback(leptos_axum::render_app_to_stream_with_context(
        context.clone(),
        app_shell.clone(),
    ));
    let pages = Router::new()
        .route("/", get(|| async { Redirect::to(app::HOME) }))
        .leptos_routes_with_context(&options, routes, context, app_shell)
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options);
    clusters
        .router(Some(prefixed))
        .merge(multiplex::routes(api))
        .merge(pages)
}
