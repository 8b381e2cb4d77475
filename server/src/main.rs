//! `berth`: the console and its Kubernetes API, over the embedded engine or in front of
//! the clusters of a kubeconfig. `berth --help` lists every option and its variable.

mod allocator;
mod built_in_site;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use leptos::prelude::get_configuration;
use server::assets::Assets;
use server::auth::{Auth, Mode};
use server::clusters::Clusters;
use server::options::Options;
use server::site;
use tracing_subscriber::EnvFilter;

/// mimalloc, as [`allocator`] says why.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
enum Error {
    #[error("configuration: {0}")]
    Config(#[from] leptos::config::errors::LeptosConfigError),
    #[error("{0}")]
    Clusters(#[from] server::clusters::Error),
    #[error("{0}")]
    Auth(#[from] server::auth::Error),
    #[error("{0}")]
    Tls(#[from] server::tls::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Usage(&'static str),
}

fn main() -> ExitCode {
    // `--help` and `--version` end here, before anything starts.
    let options = Options::parse();
    allocator::release_freed_pages_sooner();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    // kube's client and the HTTPS listener both use rustls; both are built on ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("berth: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("berth: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(options: Options) -> Result<(), Error> {
    let mut leptos = get_configuration(None)?.leptos_options;
    leptos.site_addr = options.addr;
    // A release binary is the product wherever it runs: no development reload script
    // unless LEPTOS_ENV asks for one.
    if !cfg!(debug_assertions) && std::env::var_os("LEPTOS_ENV").is_none() {
        leptos.env = leptos::config::Env::PROD;
    }
    let assets = match &options.site_root {
        Some(root) => {
            leptos.site_root = root.to_string_lossy().into_owned().into();
            Assets::load(root)?
        }
        None => Assets::from_files(built_in_site::files())?,
    };
    // Pages name the versioned folder; hashing each file's name would rename files that
    // the WASM chunks' loader names.
    if let Some(dir) = assets.pkg_dir() {
        leptos.site_pkg_dir = dir.into();
    }
    if let Some(root) = assets.write_manifest_root()? {
        leptos.site_root = root.to_string_lossy().into_owned().into();
    }
    let clusters = Clusters::from_options(&options).await?;
    if let Some(engine) = clusters.engine() {
        tokio::spawn(Arc::clone(engine).drive());
    }
    let default = clusters.default_cluster();
    tracing::info!(
        "serving the cluster {:?} ({}); all: {}",
        default.name,
        default.server,
        clusters.names().join(", ")
    );
    let addr = options.addr;
    let tls = options.tls_cert_file.is_some();
    let (auth, generated) = Auth::new(
        options.auth,
        options.token_auth_file.as_deref(),
        addr,
        tls,
        &options.allowed_hosts,
    )?;
    let scheme = if tls { "https" } else { "http" };
    if options.auth == Mode::Passthrough
        && clusters.engine().is_some()
        && options.kubeconfig.is_none()
    {
        return Err(Error::Usage(
            "--auth passthrough forwards users' tokens to a cluster: it needs --kubeconfig",
        ));
    }
    if options.client_ca_file.is_some() && options.auth != Mode::Token {
        return Err(Error::Usage(
            "--client-ca-file authenticates users by their certificates: it needs --auth token",
        ));
    }
    match (options.auth, generated) {
        (Mode::None, _) => tracing::warn!(
            "--auth none: nobody signs in, and everyone who reaches {addr} is the administrator"
        ),
        (_, Some(token)) => {
            // Printed, not only logged: the one-click way into a fresh console.
            println!("Sign in to the Berth console: {scheme}://{addr}/?token={token}");
        }
        _ => {}
    }
    if auth.passes_through() {
        // Users' tokens are checked by the cluster they sign in to.
        let default = clusters.default_cluster();
        auth.check_tokens_with(&default.name, default.api.clone());
    } else if let Some(engine) = clusters.engine() {
        auth.accept_service_account_tokens(Arc::clone(engine));
    }
    let app = site::router(clusters, auth, leptos, assets);
    match (&options.tls_cert_file, &options.tls_private_key_file) {
        (Some(cert), Some(key)) => {
            let config = server::tls::config(server::tls::Files {
                cert,
                key,
                client_ca: options.client_ca_file.as_deref(),
            })?;
            let listener = std::net::TcpListener::bind(addr)?;
            listener.set_nonblocking(true)?;
            tracing::info!("Berth console on https://{addr}");
            server::tls::serve(listener, config, app).await?;
        }
        _ => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("Berth console on http://{addr}");
            let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app).await?;
        }
    }
    Ok(())
}
