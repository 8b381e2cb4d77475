//! `berth`: the console and its Kubernetes-style API, with the embedded engine.
//!
//! Configured the cargo-leptos way: `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000) and
//! `LEPTOS_SITE_ROOT` (default `target/site`). `BERTH_DEMO=0` starts with no demo data.

use std::process::ExitCode;

use leptos::prelude::get_configuration;
use server::cluster::Cluster;
use server::site;
use tracing_subscriber::EnvFilter;

/// The engine keeps every object as many small allocations; glibc's allocator spends
/// half of a 60,000-pod run fragmenting and consolidating them (`engine/examples/scale.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
enum Error {
    #[error("configuration: {0}")]
    Config(#[from] leptos::config::errors::LeptosConfigError),
    #[error("demo data: {0}")]
    Demo(#[from] engine::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

#[tokio::main]
async fn main() -> ExitCode {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    match serve().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("berth: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), Error> {
    let options = get_configuration(None)?.leptos_options;
    let addr = options.site_addr;
    let demo = std::env::var("BERTH_DEMO").map_or(true, |v| v != "0");
    let cluster = Cluster::with_demo(demo)?;
    tokio::spawn(cluster.clone().drive());
    let app = site::router(cluster, options);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Berth console on http://{addr}");
    axum::serve(listener, app).await?;
    Ok(())
}
