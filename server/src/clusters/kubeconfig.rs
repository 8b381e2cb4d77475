//! Clusters from a kubeconfig (every context) or from the pod Berth runs in, each with
//! a kube-rs client carrying the configured identity: tokens, client certificates, exec
//! credential plugins, custom CAs and `insecure-skip-tls-verify` are all kube's.

use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use super::{forward, Error, Served};

/// How long to wait for a cluster to accept a connection before saying it is unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Every context of the kubeconfig at `paths` (joined with `:`), and the index of the
/// one the unprefixed paths serve: `context`, or the current context, or the first.
/// With `passthrough` the kubeconfig's users are not used: each request carries its
/// own user's token.
pub async fn load(
    paths: &str,
    context: Option<&str>,
    passthrough: bool,
) -> Result<(Vec<Served>, usize), Error> {
    let mut merged = Kubeconfig::default();
    for path in paths.split(':').filter(|p| !p.is_empty()) {
        merged = merged.merge(Kubeconfig::read_from(path)?)?;
    }
    let names: Vec<String> = merged.contexts.iter().map(|c| c.name.clone()).collect();
    if names.is_empty() {
        return Err(Error::NoContexts);
    }
    let wanted = context.or(merged.current_context.as_deref());
    let default = match wanted {
        Some(name) => names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| Error::NoSuchContext(name.to_owned(), names.join(", ")))?,
        None => 0,
    };
    let mut served = Vec::with_capacity(names.len());
    for name in names {
        let options = KubeConfigOptions {
            context: Some(name.clone()),
            ..Default::default()
        };
        // A context that can't be used (no cluster, a bad certificate) stays in the
        // switcher and answers every request with why, rather than stopping Berth.
        let entry = match Config::from_custom_kubeconfig(merged.clone(), &options).await {
            Ok(mut config) => {
                if passthrough {
                    config.auth_info = Default::default();
                }
                served_by(name, config)
            }
            Err(e) => forward::broken(name, e.to_string()),
        };
        served.push(entry);
    }
    Ok((served, default))
}

/// The cluster Berth runs in, when it runs in a pod with a service account.
pub fn in_cluster() -> Result<Option<(Vec<Served>, usize)>, Error> {
    let token = std::path::Path::new("/var/run/secrets/kubernetes.io/serviceaccount/token");
    if std::env::var_os("KUBERNETES_SERVICE_HOST").is_none() || !token.exists() {
        return Ok(None);
    }
    let config = Config::incluster()?;
    Ok(Some((vec![served_by("in-cluster".to_owned(), config)], 0)))
}

fn served_by(name: String, mut config: Config) -> Served {
    let server = config.cluster_url.to_string();
    // Berth forwards: the client that asked decides whether to retry, and watches and
    // followed logs may stay quiet for as long as they like.
    config.default_retry = false;
    config.read_timeout = None;
    config.connect_timeout = Some(CONNECT_TIMEOUT);
    match Client::try_from(config) {
        Ok(client) => forward::served(name, server, client),
        Err(e) => forward::broken(name, e.to_string()),
    }
}
