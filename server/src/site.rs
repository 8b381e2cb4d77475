//! The whole site: the API, and the console rendered on the server over that same API,
//! behind sign-in.

use std::sync::Arc;

use app::api::ApiTransport;
use app::{shell, App};
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{header, Extensions, HeaderValue, Request};
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::*;
use leptos_axum::{generate_route_list_with_exclusions, LeptosRoutes, ResponseOptions};
use tower::ServiceExt;

use crate::assets::Assets;
use crate::auth::Auth;
use crate::clusters::Clusters;
use crate::metrics_history::{History, Sampler};
use crate::{delivery, keys_only, multiplex};

/// Calls the API router in process, as the page's user (`identity`, the extensions of
/// the page's request): what server-side rendering reads.
fn transport(api: Router, identity: Extensions) -> ApiTransport {
    ApiTransport(Arc::new(move |path: String| {
        let (api, identity) = (api.clone(), identity.clone());
        Box::pin(async move {
            let Ok(mut request) = Request::get(&path).body(Body::empty()) else {
                return (400, format!("bad path {path:?}"));
            };
            Auth::act_as(&identity, request.extensions_mut());
            let Ok(response) = api.oneshot(request).await;
            let code = response.status().as_u16();
            match response.into_body().collect().await {
                Ok(body) => (code, String::from_utf8_lossy(&body.to_bytes()).into_owned()),
                Err(e) => (500, e.to_string()),
            }
        })
    }))
}

/// What each rendered page gets: the API as its signed-in user, and a nonce for its
/// inline scripts, named in the page's Content-Security-Policy.
fn page_context(api: Router) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        let mut identity = Extensions::new();
        if let Some(parts) = use_context::<Parts>() {
            Auth::act_as(&parts.extensions, &mut identity);
        }
        provide_context(transport(api.clone(), identity));
        leptos::nonce::provide_nonce();
        if let (Some(nonce), Some(response)) =
            (leptos::nonce::use_nonce(), use_context::<ResponseOptions>())
        {
            let policy = crate::auth::page_policy(&nonce.to_string());
            if let Ok(value) = HeaderValue::from_str(&policy) {
                response.insert_header(header::CONTENT_SECURITY_POLICY, value);
            }
        }
    }
}

/// The router serving the API of every cluster, the console's pages (also under each
/// cluster's `/c/<name>/` prefix) and the static site files (`assets`), all behind
/// `auth`.
pub fn router(
    clusters: Arc<Clusters>,
    auth: Arc<Auth>,
    options: LeptosOptions,
    assets: Assets,
) -> Router {
    let clusters_api = clusters.router(None);
    let api = clusters_api
        .clone()
        .merge(crate::auth::account_routes())
        .merge(keys_only::routes(clusters_api.clone()));
    let context = page_context(api.clone());
    // The history is the engine's only when it is the default cluster.
    let history = match clusters.engine() {
        Some(engine) if clusters.default_cluster().embedded => History::Engine(Arc::clone(engine)),
        _ => History::Sampled(Sampler::start(clusters.default_cluster().api.clone())),
    };
    // `/` is answered here with a plain 302 (a streamed page can't change its status);
    // the app keeps its own `/` route for navigations inside the browser.
    let routes = generate_route_list_with_exclusions(App, Some(vec!["/".to_owned()]));
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
    let site = clusters
        .router(Some(prefixed))
        .merge(crate::auth::account_routes())
        .merge(crate::health::routes(
            clusters.default_cluster().api.clone(),
        ))
        .merge(keys_only::routes(clusters_api))
        .merge(crate::metrics_history::routes(
            clusters.default_cluster().api.clone(),
            history,
        ))
        .merge(multiplex::routes(api))
        .merge(pages);
    delivery::layers(auth.protect(assets.in_front_of(site)))
}
