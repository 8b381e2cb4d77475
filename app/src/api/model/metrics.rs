//! Pod usage from the metrics API (`metrics.k8s.io/v1beta1` PodMetrics), summed over
//! each pod's containers, with the quantities read as plain numbers.

use serde::{Deserialize, Serialize};

use super::Meta;

/// A `PodMetricsList`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodMetricsList {
    /// One entry per pod measured.
    pub items: Vec<PodMetrics>,
}

/// One pod's usage over the last `window`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodMetrics {
    /// The pod's name and namespace.
    pub metadata: Meta,
    /// When it was measured (RFC 3339).
    pub timestamp: Option<String>,
    /// Each container's usage.
    pub containers: Vec<ContainerMetrics>,
}

/// One container's usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerMetrics {
    /// The container's name.
    pub name: String,
    /// `cpu` and `memory` as quantities (`12m`, `34Mi`).
    pub usage: Usage,
}

/// A usage as quantities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Usage {
    /// CPU in cores (`12m`, `250000n`).
    pub cpu: String,
    /// Memory in bytes (`34Mi`, `1048576`).
    pub memory: String,
}

/// Berth's `PodMetricsHistory`: each pod's usage in the last windows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodMetricsHistory {
    /// One entry per pod.
    pub items: Vec<PodHistory>,
}

/// One pod's past windows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodHistory {
    /// The pod's name.
    pub metadata: Meta,
    /// Its windows, oldest first.
    pub samples: Vec<HistorySample>,
}

/// One window's usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistorySample {
    /// The window's start (RFC 3339).
    pub timestamp: String,
    /// CPU as a quantity.
    pub cpu: String,
    /// Memory as a quantity.
    pub memory: String,
}

/// A reading of every pod's usage, at one window.
pub type Reading = (String, Vec<PodUsage>);

impl PodMetricsHistory {
    /// The readings, one per window, oldest first, each with its pods in name order.
    pub fn readings(&self) -> Vec<Reading> {
        let mut stamps: Vec<&str> = self
            .items
            .iter()
            .flat_map(|p| p.samples.iter().map(|s| s.timestamp.as_str()))
            .collect();
        stamps.sort_unstable();
        stamps.dedup();
        stamps
            .into_iter()
            .map(|at| {
                let mut pods: Vec<PodUsage> = self
                    .items
                    .iter()
                    .filter_map(|p| {
                        let s = p.samples.iter().find(|s| s.timestamp == at)?;
                        Some(PodUsage {
                            pod: p.metadata.name.clone(),
                            cpu: quantity(&s.cpu),
                            memory: quantity(&s.memory),
                        })
                    })
                    .collect();
                pods.sort_by(|a, b| a.pod.cmp(&b.pod));
                (at.to_owned(), pods)
            })
            .collect()
    }
}

/// Adds `reading` to `history` (replacing a reading of the same window: metrics-server
/// serves one figure per window), keeping the last `kept`.
pub fn add_reading(history: &mut Vec<Reading>, reading: Reading, kept: usize) {
    match history.last_mut() {
        Some(last) if last.0 == reading.0 => *last = reading,
        _ => history.push(reading),
    }
    if history.len() > kept {
        history.drain(..history.len() - kept);
    }
}

/// A `NodeMetricsList`: each node's usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeMetricsList {
    /// One entry per node measured.
    pub items: Vec<NodeMetrics>,
}

/// One node's usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeMetrics {
    /// The node's name.
    pub metadata: Meta,
    /// Its usage.
    pub usage: Usage,
}

/// A pod's usage as numbers: CPU in cores, memory in bytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodUsage {
    /// The pod's name.
    pub pod: String,
    /// CPU in cores.
    pub cpu: f64,
    /// Memory in bytes.
    pub memory: f64,
}

/// A quantity as a plain number in base units (`12m` → 0.012, `34Mi` → 35651584);
/// one that does not read counts as nothing rather than hiding the rest.
pub fn quantity(text: &str) -> f64 {
    rules::quantity::parse(text).unwrap_or(0.0)
}

impl PodMetricsList {
    /// The window these figures are of (the first pod's), as a reading's key.
    pub fn window(&self) -> String {
        self.items
            .first()
            .and_then(|p| p.timestamp.clone())
            .unwrap_or_default()
    }

    /// Each pod's usage, summed over its containers, in pod name order.
    pub fn usage(&self) -> Vec<PodUsage> {
        let mut pods: Vec<PodUsage> = self
            .items
            .iter()
            .map(|p| PodUsage {
                pod: p.metadata.name.clone(),
                cpu: p.containers.iter().map(|c| quantity(&c.usage.cpu)).sum(),
                memory: p.containers.iter().map(|c| quantity(&c.usage.memory)).sum(),
            })
            .collect();
        pods.sort_by(|a, b| a.pod.cmp(&b.pod));
        pods
    }
}

/// CPU as people read it: millicores below one core (`12m`), else cores (`1.5`).
pub fn cpu_text(cores: f64) -> String {
    if cores < 1.0 {
        format!("{}m", (cores * 1000.0).round())
    } else {
        format!("{:.2}", cores)
    }
}

/// Memory in binary units (`34.0 MiB`).
pub fn memory_text(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_becomes_readings_and_a_new_reading_of_the_same_window_replaces_it() {
        let history: PodMetricsHistory = serde_json::from_value(serde_json::json!({
            "items": [
                { "metadata": { "name": "b" }, "samples": [
                    { "timestamp": "2026-01-01T00:00:15Z", "cpu": "2m", "memory": "1Mi" }] },
                { "metadata": { "name": "a" }, "samples": [
                    { "timestamp": "2026-01-01T00:00:00Z", "cpu": "1m", "memory": "1Mi" },
                    { "timestamp": "2026-01-01T00:00:15Z", "cpu": "3m", "memory": "1Mi" }] },
            ],
        }))
        .expect("history");
        let mut readings = history.readings();
        assert_eq!(readings.len(), 2);
        assert_eq!(readings[0].1.len(), 1);
        let names: Vec<&str> = readings[1].1.iter().map(|u| u.pod.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        add_reading(
            &mut readings,
            ("2026-01-01T00:00:15Z".into(), Vec::new()),
            60,
        );
        assert_eq!(readings.len(), 2);
        add_reading(
            &mut readings,
            ("2026-01-01T00:00:30Z".into(), Vec::new()),
            2,
        );
        assert_eq!(readings[0].0, "2026-01-01T00:00:15Z");
    }

    #[test]
    fn quantities_read_in_base_units() {
        assert!((quantity("12m") - 0.012).abs() < 1e-12);
        assert!((quantity("250000n") - 0.00025).abs() < 1e-12);
        assert_eq!(quantity("34Mi"), 34.0 * 1024.0 * 1024.0);
        assert_eq!(quantity("1Gi"), 1024.0 * 1024.0 * 1024.0);
        assert_eq!(quantity("2"), 2.0);
        assert_eq!(quantity("128974848"), 128_974_848.0);
        assert_eq!(quantity("not-a-quantity"), 0.0);
    }

    #[test]
    fn a_pods_usage_sums_its_containers() {
        let list: PodMetricsList = serde_json::from_str(
            r#"{"items":[
                {"metadata":{"name":"web-b"},"containers":[{"name":"web","usage":{"cpu":"5m","memory":"1Mi"}}]},
                {"metadata":{"name":"web-a"},"timestamp":"2026-11-23T02:00:00Z","window":"10s","containers":[
                    {"name":"web","usage":{"cpu":"12m","memory":"34Mi"}},
                    {"name":"sidecar","usage":{"cpu":"3m","memory":"2Mi"}}]}
            ]}"#,
        )
        .expect("metrics json");
        let usage = list.usage();
        assert_eq!(usage[0].pod, "web-a");
        assert!((usage[0].cpu - 0.015).abs() < 1e-12);
        assert_eq!(usage[0].memory, 36.0 * 1024.0 * 1024.0);
        assert_eq!(usage[1].pod, "web-b");
    }

    #[test]
    fn usage_reads_as_people_write_it() {
        assert_eq!(cpu_text(0.012), "12m");
        assert_eq!(cpu_text(1.5), "1.50");
        assert_eq!(memory_text(34.0 * 1024.0 * 1024.0), "34.0 MiB");
        assert_eq!(memory_text(512.0), "512 B");
        assert_eq!(memory_text(1.5 * 1024.0 * 1024.0 * 1024.0), "1.5 GiB");
    }
}
