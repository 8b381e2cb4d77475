//! A real cluster's usage history, kept by the server since it started: every window
//! (15 s) it reads the cluster's metrics API with its own identity (the kubeconfig's)
//! and keeps each pod's last readings. The engine needs none: its figures are a
//! function of time.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::Extensions;
use axum::Router;
use serde_json::Value;

use engine::metrics::Usage;

use super::WINDOWS;

/// Every pod's usage, summed over its containers.
const ALL_PODS: &str = "/apis/metrics.k8s.io/v1beta1/pods";

/// One reading of one pod.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// When the metrics server measured it (RFC 3339).
    pub timestamp: String,
    /// All containers together.
    pub usage: Usage,
}

/// The readings of every pod the cluster reported, newest last, at most [`WINDOWS`].
#[derive(Default)]
pub struct Sampler {
    pods: Mutex<HashMap<(String, String), VecDeque<Reading>>>,
}

impl Sampler {
    /// Reads `api`'s metrics now and then once per window, for as long as the server runs.
    pub fn start(api: Router) -> Arc<Self> {
        let sampler = Arc::new(Self::default());
        let kept = Arc::clone(&sampler);
        tokio::spawn(async move {
            let period = engine::metrics::WINDOW.unsigned_abs();
            let mut ticks = tokio::time::interval(period);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(cause) = kept.sample(&api).await {
                    tracing::debug!("no usage reading this window: {cause}");
                }
            }
        });
        sampler
    }

    /// Takes one reading of every pod; a pod the cluster no longer reports is forgotten.
    pub async fn sample(&self, api: &Router) -> Result<(), String> {
        let list = crate::keys_only::read(api.clone(), &Extensions::new(), ALL_PODS)
            .await
            .map_err(|refused| format!("the metrics API answered {}", refused.status()))?;
        let read: HashMap<(String, String), Reading> = list["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(reading)
            .collect();
        let mut pods = self.pods.lock().unwrap_or_else(PoisonError::into_inner);
        pods.retain(|key, _| read.contains_key(key));
        for (key, reading) in read {
            let history = pods.entry(key).or_default();
            // The metrics server may not have measured again since the last reading.
            if history.back().map(|r| &r.timestamp) != Some(&reading.timestamp) {
                history.push_back(reading);
            }
            while history.len() > WINDOWS as usize {
                history.pop_front();
            }
        }
        Ok(())
    }

    /// The readings of the pod `name` in `namespace`, oldest first.
    pub fn history(&self, namespace: &str, name: &str) -> Vec<Reading> {
        let pods = self.pods.lock().unwrap_or_else(PoisonError::into_inner);
        pods.get(&(namespace.to_owned(), name.to_owned()))
            .map(|h| h.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// A `PodMetrics`' pod and its containers' usage summed; `None` when it names no pod.
fn reading(metrics: &Value) -> Option<((String, String), Reading)> {
    let meta = &metrics["metadata"];
    let key = (
        meta["namespace"].as_str()?.to_owned(),
        meta["name"].as_str()?.to_owned(),
    );
    let containers = metrics["containers"].as_array().into_iter().flatten();
    let (mut cores, mut bytes) = (0.0, 0.0);
    for container in containers {
        let usage = |resource: &str| {
            container["usage"][resource]
                .as_str()
                .and_then(|q| rules::quantity::parse(q).ok())
                .unwrap_or(0.0)
        };
        cores += usage("cpu");
        bytes += usage("memory");
    }
    let reading = Reading {
        timestamp: metrics["timestamp"].as_str().unwrap_or_default().to_owned(),
        usage: Usage {
            cpu_millis: (cores * 1000.0).round() as u64,
            memory_bytes: bytes.round() as u64,
        },
    };
    Some((key, reading))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_pods_containers_are_summed() {
        let metrics = json!({
            "metadata": { "name": "web-1", "namespace": "shop" },
            "timestamp": "2026-12-06T10:00:00Z",
            "containers": [
                { "name": "a", "usage": { "cpu": "250m", "memory": "64Mi" } },
                { "name": "b", "usage": { "cpu": "2000000n", "memory": "1Ki" } },
            ],
        });
        let (key, reading) = reading(&metrics).expect("a pod");
        assert_eq!(key, ("shop".to_owned(), "web-1".to_owned()));
        assert_eq!(reading.usage.cpu_millis, 252);
        assert_eq!(reading.usage.memory_bytes, 64 * 1024 * 1024 + 1024);
    }
}
