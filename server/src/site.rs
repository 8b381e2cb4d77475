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

use crate::cluster::Cluster;
use crate::{api, multiplex};

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

/// The router serving the API, the console's pages and the static site files.
pub fn router(cluster: Arc<Cluster>, options: LeptosOptions) -> Router {
    let api = api::router(cluster);
    let transport = transport(api.clone());
    // `/` is answered here with a plain 302 (a streamed page can't change its status);
    // the app keeps its own `/` route for navigations inside the browser.
    let routes = generate_route_list_with_exclusions(App, Some(vec!["/".to_owned()]));
    let pages = Router::new()
        .route("/", get(|| async { Redirect::to(app::HOME) }))
        .leptos_routes_with_context(
            &options,
            routes,
            move || provide_context(transport.clone()),
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options);
    api.clone().merge(multiplex::routes(api)).merge(pages)
}
