//! The clusters Berth serves: the embedded engine, the contexts of a kubeconfig, or
//! both. Each answers the Kubernetes API through an axum [`Router`]: the engine's own
//! ([`crate::api`]) or a forwarding to the real cluster ([`forward`]). One of them is
//! served at the unprefixed paths (what kubectl pointed at Berth talks to); every one
//! is also served under `/c/<name>/`, for the API and the console's pages alike.

mod forward;
mod kubeconfig;
mod prefix;
mod tunnel;

use std::sync::Arc;

use axum::Router;
use serde::Serialize;

pub use prefix::{is_api_path, split_prefix, ClusterPrefix, SEGMENT};

use crate::cluster::Cluster;
use crate::options::Options;

/// The name the embedded engine has beside a kubeconfig's contexts.
pub const EMBEDDED: &str = "embedded";

/// Why the clusters could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The kubeconfig could not be read.
    #[error("kubeconfig: {0}")]
    Kubeconfig(#[from] kube::config::KubeconfigError),
    /// `--context` names a context the kubeconfig does not have.
    #[error("the kubeconfig has no context {0:?} (it has: {1})")]
    NoSuchContext(String, String),
    /// The kubeconfig has no context at all.
    #[error("the kubeconfig has no contexts")]
    NoContexts,
    /// In-cluster configuration was found but is unusable.
    #[error("in-cluster configuration: {0}")]
    InCluster(#[from] kube::config::InClusterError),
    /// The embedded engine's demo data could not be loaded.
    #[error("demo data: {0}")]
    Demo(#[from] engine::Error),
}

/// One cluster the console can show.
#[derive(Clone)]
pub struct Served {
    /// Its name: the kubeconfig context, or [`EMBEDDED`].
    pub name: String,
    /// Where its API server is, as the switcher shows it.
    pub server: String,
    /// Its Kubernetes API.
    pub api: Router,
    /// Whether it is the embedded engine (with the image catalog), not a real cluster.
    pub embedded: bool,
}

/// What `/berth/clusters` says of one cluster.
#[derive(Serialize)]
struct Listed<'a> {
    name: &'a str,
    server: &'a str,
    default: bool,
    embedded: bool,
}

/// Every cluster Berth serves, and which one the unprefixed paths mean.
pub struct Clusters {
    served: Vec<Served>,
    default: usize,
    engine: Option<Arc<Cluster>>,
}

impl Clusters {
    /// Only the embedded engine: Berth's laptop and demo mode.
    pub fn embedded(engine: Arc<Cluster>) -> Arc<Self> {
        Arc::new(Clusters {
            served: vec![embedded_entry(&engine)],
            default: 0,
            engine: Some(engine),
        })
    }

    /// The clusters `options` asks for: a kubeconfig's contexts (or the in-cluster
    /// service account), with the embedded engine too when asked; the embedded engine
    /// alone when no cluster is configured.
    pub async fn from_options(options: &Options) -> Result<Arc<Self>, Error> {
        // An empty KUBECONFIG names no file, as for kubectl.
        let remote = match options.kubeconfig.as_deref().filter(|p| !p.is_empty()) {
            Some(paths) => {
                let passthrough = options.auth == crate::auth::Mode::Passthrough;
                Some(kubeconfig::load(paths, options.context.as_deref(), passthrough).await?)
            }
            None => kubeconfig::in_cluster()?,
        };
        let Some((mut served, default)) = remote else {
            return Ok(Clusters::embedded(Cluster::with_demo(options.demo)?));
        };
        let engine = if options.embedded {
            let engine = Cluster::with_demo(options.demo)?;
            served.push(embedded_entry(&engine));
            Some(engine)
        } else {
            None
        };
        Ok(Arc::new(Clusters {
            served,
            default,
            engine,
        }))
    }

    /// The embedded engine, when one is served (its driver must run).
    pub fn engine(&self) -> Option<&Arc<Cluster>> {
        self.engine.as_ref()
    }

    /// The cluster called `name`.
    pub fn get(&self, name: &str) -> Option<&Served> {
        self.served.iter().find(|s| s.name == name)
    }

    /// The cluster served at the unprefixed paths.
    pub fn default_cluster(&self) -> &Served {
        &self.served[self.default]
    }

    /// The names of every cluster, for messages.
    pub fn names(&self) -> Vec<&str> {
        self.served.iter().map(|s| s.name.as_str()).collect()
    }

    /// `/berth/clusters`: every cluster, for the console's switcher.
    pub fn listing(&self) -> serde_json::Value {
        let listed: Vec<Listed<'_>> = self
            .served
            .iter()
            .enumerate()
            .map(|(i, s)| Listed {
                name: &s.name,
                server: &s.server,
                default: i == self.default,
                embedded: s.embedded,
            })
            .collect();
        serde_json::json!({ "clusters": listed })
    }

    /// The API of every cluster: the default one unprefixed, each under `/c/<name>/`,
    /// and `/berth/clusters`. Other paths under `/c/<name>/` go to `pages` (the
    /// console), or are a 404 without it.
    pub fn router(self: &Arc<Self>, pages: Option<Router>) -> Router {
        prefix::routes(Arc::clone(self), pages).merge(self.default_cluster().api.clone())
    }
}

fn embedded_entry(engine: &Arc<Cluster>) -> Served {
    let api = crate::api::router(Arc::clone(engine));
    Served {
        name: EMBEDDED.to_owned(),
        server: EMBEDDED.to_owned(),
        // The engine decides who may do what, as kube-apiserver's RBAC does.
        api: crate::auth::rbac::authorizing(api, Arc::clone(engine)),
        embedded: true,
    }
}
