//! Simulated resource usage, as metrics-server reports it from the kubelets: for every
//! running container a CPU and memory figure that depends only on the clock, the pod's
//! uid, the container's requests and limits and what its image does (catalog
//! behaviour), so every reader at the same instant sees the same numbers.
//!
//! Idle web servers use a millicore or two and a few MiB; databases hold more memory;
//! a hung app spins. Figures wobble from one scrape window to the next and never go
//! above the container's limit. A node's usage is the sum of its pods'.

use k8s_openapi::api::core::v1::{Container, Pod, ResourceRequirements};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::jiff::{SignedDuration, Timestamp};
use rules::catalog::{self, Behaviour};

use crate::store::Store;

/// How often the simulated kubelet samples usage (metrics-server's resolution): every
/// read within one window sees the same figures.
pub const WINDOW: SignedDuration = SignedDuration::from_secs(15);

const MIB: u64 = 1024 * 1024;

/// CPU and memory in use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Millicores (1000 = one core).
    pub cpu_millis: u64,
    /// Bytes of working set.
    pub memory_bytes: u64,
}

impl Usage {
    /// The CPU as a quantity, `12m`.
    pub fn cpu(&self) -> Quantity {
        Quantity(format!("{}m", self.cpu_millis))
    }

    /// The memory as a quantity: `34Mi` when a whole number of MiB, else `Ki`.
    pub fn memory(&self) -> Quantity {
        if self.memory_bytes.is_multiple_of(MIB) {
            Quantity(format!("{}Mi", self.memory_bytes / MIB))
        } else {
            Quantity(format!("{}Ki", self.memory_bytes / 1024))
        }
    }

    fn add(self, other: Usage) -> Usage {
        Usage {
            cpu_millis: self.cpu_millis + other.cpu_millis,
            memory_bytes: self.memory_bytes + other.memory_bytes,
        }
    }
}

/// One container's usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerUsage {
    /// The container's name.
    pub name: String,
    /// What it uses.
    pub usage: Usage,
}

/// A sample: when it was taken, over how long, and what it measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample<T> {
    /// The end of the window the figures were averaged over.
    pub timestamp: Timestamp,
    /// The window's length.
    pub window: SignedDuration,
    /// The figures.
    pub usage: T,
}

/// The start of the scrape window `now` falls in: the sample's timestamp.
pub fn sampled_at(now: Timestamp) -> Timestamp {
    let secs = WINDOW.as_secs();
    let start = now.as_second().div_euclid(secs) * secs;
    Timestamp::from_second(start).unwrap_or(now)
}

/// The usage of each running container of `pod`, or `None` when none runs (a pod that
/// isn't running has no metrics, as with metrics-server).
pub fn pod_usage(pod: &Pod, now: Timestamp) -> Option<Sample<Vec<ContainerUsage>>> {
    let at = sampled_at(now);
    let containers = containers_at(pod, at, false)?;
    (!containers.is_empty()).then_some(Sample {
        timestamp: at,
        window: WINDOW,
        usage: containers,
    })
}

/// The usage of the running pod's containers in the window starting `at`; with
/// `started_by`, only of those that had started by then (for past windows).
fn containers_at(pod: &Pod, at: Timestamp, started_by: bool) -> Option<Vec<ContainerUsage>> {
    let status = pod.status.as_ref()?;
    if status.phase.as_deref() != Some("Running") {
        return None;
    }
    let spec = pod.spec.as_ref()?;
    let uid = pod.metadata.uid.as_deref().unwrap_or_default();
    let containers = status
        .container_statuses
        .iter()
        .flatten()
        .filter_map(|cs| {
            let started = cs.state.as_ref()?.running.as_ref()?.started_at.as_ref();
            if started_by && started.is_some_and(|t| t.0 > at) {
                return None;
            }
            let container = spec.containers.iter().find(|c| c.name == cs.name)?;
            let up = started.map_or(SignedDuration::ZERO, |t| at.duration_since(t.0));
            Some(ContainerUsage {
                name: cs.name.clone(),
                usage: container_usage(uid, container, up, at),
            })
        })
        .collect();
    Some(containers)
}

/// The running pod's usage (its containers' sum) in each of the last `count` scrape
/// windows up to `now`, oldest first: the history metrics-server would have served.
/// Windows before its containers started have no sample.
pub fn pod_history(pod: &Pod, now: Timestamp, count: i64) -> Vec<Sample<Usage>> {
    let latest = sampled_at(now);
    (0..count)
        .rev()
        .filter_map(|k| {
            let at = latest.checked_sub(WINDOW * k as i32).ok()?;
            let containers = containers_at(pod, at, true)?;
            (!containers.is_empty()).then(|| Sample {
                timestamp: at,
                window: WINDOW,
                usage: total(&containers),
            })
        })
        .collect()
}

/// The sum of a pod's containers.
pub fn total(containers: &[ContainerUsage]) -> Usage {
    containers
        .iter()
        .fold(Usage::default(), |sum, c| sum.add(c.usage))
}

/// A node's usage: the sum of its running pods'. `None` for a node that isn't there.
pub fn node_usage(store: &Store, node: &str, now: Timestamp) -> Option<Sample<Usage>> {
    store.get::<k8s_openapi::api::core::v1::Node>("", node)?;
    let usage = store
        .list::<Pod>(None)
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
        .filter_map(|p| pod_usage(p, now))
        .fold(Usage::default(), |sum, s| sum.add(total(&s.usage)));
    Some(Sample {
        timestamp: sampled_at(now),
        window: WINDOW,
        usage,
    })
}

/// How an image's containers use resources when idle, and how much they wobble.
struct Profile {
    /// Millicores at rest.
    cpu_millis: f64,
    /// MiB per MiB of compressed image (a bigger runtime holds more memory).
    memory_per_image_mb: f64,
    /// The share of the container's requests it settles at, when it has requests.
    share_of_request: f64,
    /// How far the CPU swings around its level (a fraction of it).
    wobble: f64,
}

fn profile(behaviour: Option<Behaviour>) -> Profile {
    let (cpu_millis, memory_per_image_mb, share_of_request, wobble) = match behaviour {
        Some(Behaviour::Shell) => (0.2, 0.3, 0.01, 0.5),
        Some(Behaviour::Tcp) => (4.0, 0.6, 0.2, 0.4),
        Some(Behaviour::Slow { .. }) => (40.0, 0.3, 0.5, 0.5),
        // A hung app spins on its locks.
        Some(Behaviour::NeverReady) => (250.0, 0.4, 0.9, 0.2),
        // A batch run works flat out until it is done.
        Some(Behaviour::Batch { .. }) => (400.0, 0.8, 0.95, 0.1),
        Some(Behaviour::Web | Behaviour::Crashes { .. } | Behaviour::HealthyFor { .. }) | None => {
            (1.5, 0.15, 0.05, 0.6)
        }
    };
    Profile {
        cpu_millis,
        memory_per_image_mb,
        share_of_request,
        wobble,
    }
}

fn quantity(requirements: Option<&ResourceRequirements>, limits: bool, name: &str) -> Option<f64> {
    let r = requirements?;
    let map = if limits { &r.limits } else { &r.requests };
    map.as_ref()?
        .get(name)
        .and_then(|q| rules::quantity::parse(&q.0).ok())
}

fn container_usage(uid: &str, container: &Container, up: SignedDuration, at: Timestamp) -> Usage {
    let image = container.image.as_deref().and_then(catalog::find);
    let p = profile(image.map(|i| i.behaviour));
    let size_mb = image.map_or(50, |i| i.size_mb) as f64;
    let resources = container.resources.as_ref();
    let seed = fnv(&[uid.as_bytes(), b"/", container.name.as_bytes()]);
    let window = at.as_second().div_euclid(WINDOW.as_secs());

    // CPU: the idle level (or a share of the request), a slow swing over ~10 minutes
    // with a phase of its own per container, and noise per window.
    let cpu_request = quantity(resources, false, "cpu").map(|c| c * 1000.0);
    let level = cpu_request.map_or(p.cpu_millis, |r| p.cpu_millis.max(r * p.share_of_request));
    let phase = unit(seed) * std::f64::consts::TAU;
    let swing = (at.as_second() as f64 / 600.0 * std::f64::consts::TAU + phase).sin();
    let noise = unit(fnv(&[&seed.to_le_bytes(), &window.to_le_bytes()])) * 2.0 - 1.0;
    let mut cpu = level * (1.0 + p.wobble * (0.6 * swing + 0.4 * noise));
    // Starting up (a JVM, a database's recovery) costs more than running.
    if up < SignedDuration::from_secs(30) {
        cpu += level * 2.0;
    }

    // Memory: grows to its level over the first two minutes, then drifts by a few %.
    let memory_request = quantity(resources, false, "memory").map(|m| m / MIB as f64);
    let base = 1.0 + size_mb * p.memory_per_image_mb;
    let level = memory_request.map_or(base, |r| base.max(r * p.share_of_request));
    let warm = (up.as_secs_f64() / 120.0).clamp(0.0, 1.0);
    let drift = 1.0 + 0.03 * (unit(fnv(&[&window.to_le_bytes(), &seed.to_le_bytes()])) - 0.5);
    let mut memory_bytes = (level * (0.6 + 0.4 * warm) * drift).round().max(1.0) as u64 * MIB;
    if let Some(limit) = quantity(resources, true, "memory") {
        memory_bytes = memory_bytes.min(limit as u64);
    }
    // A running process shows at least a millicore, unless its limit is below that.
    let mut cpu_millis = (cpu.round() as u64).max(1);
    if let Some(limit) = quantity(resources, true, "cpu") {
        cpu_millis = cpu_millis.min((limit * 1000.0).floor() as u64);
    }
    Usage {
        cpu_millis,
        memory_bytes,
    }
}

/// FNV-1a: a hash that stays the same across Rust versions and runs.
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A hash spread over `[0, 1)`.
fn unit(hash: u64) -> f64 {
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::{Container, Pod, ResourceRequirements};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
    use k8s_openapi::jiff::{SignedDuration, Timestamp};

    use super::*;
    use crate::clock::VirtualClock;
    use crate::{demo, Engine};

    struct Cluster {
        engine: Engine,
        clock: Arc<VirtualClock>,
    }

    impl Cluster {
        /// One node and a Deployment of `replicas` pods of `image`, run until they run.
        fn running(image: &str, replicas: i32, edit: impl FnOnce(&mut Deployment)) -> Self {
            let clock = Arc::new(VirtualClock::default());
            let mut engine = Engine::new(clock.clone(), 7);
            engine.add_node("node-1", 1, 8, 32).expect("node");
            engine.create(demo::namespace("default")).expect("ns");
            let mut d = demo::deployment("default", "app", image, replicas);
            edit(&mut d);
            if let Err(e) = engine.create(d) {
                panic!("deployment: {e:?}");
            }
            let mut c = Cluster { engine, clock };
            c.run_for(SignedDuration::from_secs(60));
            c
        }

        fn run_for(&mut self, by: SignedDuration) {
            for _ in 0..by.as_secs() {
                self.clock.advance(SignedDuration::from_secs(1));
                self.engine.tick();
            }
        }

        fn pods(&self) -> Vec<Arc<Pod>> {
            self.engine.store().list::<Pod>(None).cloned().collect()
        }

        fn usage(&self) -> Vec<Usage> {
            self.pods()
                .iter()
                .map(|p| total(&pod_usage(p, self.engine.now()).expect("metrics").usage))
                .collect()
        }
    }

    fn resources(pairs: &[(&str, &str, &str)]) -> ResourceRequirements {
        let mut r = ResourceRequirements::default();
        for (which, name, value) in pairs {
            let map = if *which == "limits" {
                r.limits.get_or_insert_with(BTreeMap::new)
            } else {
                r.requests.get_or_insert_with(BTreeMap::new)
            };
            map.insert((*name).to_owned(), Quantity((*value).to_owned()));
        }
        r
    }

    fn with_resources(r: ResourceRequirements) -> impl FnOnce(&mut Deployment) {
        move |d| {
            let spec = d.spec.as_mut().and_then(|s| s.template.spec.as_mut());
            if let Some(spec) = spec {
                spec.containers[0].resources = Some(r);
            }
        }
    }

    #[test]
    fn idle_web_servers_use_little_and_the_same_at_the_same_instant() {
        let c = Cluster::running("nginx:1.27", 2, |_| {});
        let usage = c.usage();
        assert_eq!(usage.len(), 2);
        for u in &usage {
            assert!((1..=10).contains(&u.cpu_millis), "{u:?}");
            assert!((2 * MIB..=32 * MIB).contains(&u.memory_bytes), "{u:?}");
        }
        assert_eq!(usage, c.usage(), "a second read in the same window");
        // Two pods of the same image don't move in lockstep.
        let mut c = c;
        let series = |c: &mut Cluster| {
            (0..20)
                .map(|_| {
                    c.run_for(WINDOW);
                    c.usage()
                })
                .collect::<Vec<_>>()
        };
        let s = series(&mut c);
        assert!(s.iter().any(|u| u[0] != u[1]), "pods differ");
        assert!(s.windows(2).any(|w| w[0][0] != w[1][0]), "usage wobbles");
    }

    #[test]
    fn the_history_is_what_each_past_window_served_and_starts_with_the_pod() {
        let mut c = Cluster::running("nginx:1.27", 1, |_| {});
        // Read live, window by window, for five minutes.
        let mut served = Vec::new();
        for _ in 0..20 {
            c.run_for(WINDOW);
            let pod = &c.pods()[0];
            served.push(total(
                &pod_usage(pod, c.engine.now()).expect("metrics").usage,
            ));
        }
        let pod = &c.pods()[0];
        let history = pod_history(pod, c.engine.now(), 20);
        let past: Vec<Usage> = history.iter().map(|s| s.usage).collect();
        assert_eq!(past, served);
        // Further back than the pod ran (about six minutes), there is nothing.
        let all = pod_history(pod, c.engine.now(), 60);
        assert!(all.len() < 30 && all.len() >= 20, "{}", all.len());
        assert!(all
            .windows(2)
            .all(|w| w[1].timestamp.duration_since(w[0].timestamp) == WINDOW));
    }

    #[test]
    fn databases_hold_more_memory_than_web_servers() {
        let web = Cluster::running("nginx", 1, |_| {});
        let db = Cluster::running("mongo", 1, |_| {});
        assert!(db.usage()[0].memory_bytes > web.usage()[0].memory_bytes * 3);
    }

    #[test]
    fn usage_never_goes_above_the_limit() {
        // A hung app spins past its flavour's 250m; the limit holds it.
        let r = resources(&[("limits", "cpu", "250m"), ("limits", "memory", "512Mi")]);
        let mut c = Cluster::running("team/slow-start", 1, with_resources(r));
        for _ in 0..40 {
            c.run_for(WINDOW);
            let u = c.usage()[0];
            assert!(u.cpu_millis <= 250, "{u:?}");
            assert!(u.memory_bytes <= 512 * MIB, "{u:?}");
        }
        assert!(c.usage()[0].cpu_millis >= 200, "it spins up to its limit");

        // Limits below what the image would use (a database in 20Mi, a spinning app in
        // half a millicore), at every moment of an hour.
        for (image, cpu, memory) in [
            ("mongo", "100m", "20Mi"),
            ("team/slow-start", "0.5m", "1Gi"),
        ] {
            let container = Container {
                name: "c".to_owned(),
                image: Some(image.to_owned()),
                resources: Some(resources(&[
                    ("limits", "cpu", cpu),
                    ("limits", "memory", memory),
                ])),
                ..Default::default()
            };
            let cpu_limit = rules::quantity::parse(cpu).map_or(0.0, |c| c * 1000.0);
            let memory_limit = rules::quantity::parse(memory).unwrap_or_default();
            for minute in 0..60 {
                let up = SignedDuration::from_mins(minute);
                let at = Timestamp::UNIX_EPOCH + SignedDuration::from_hours(1) + up;
                let u = container_usage("uid", &container, up, at);
                assert!(u.cpu_millis as f64 <= cpu_limit, "{image} {u:?}");
                assert!(u.memory_bytes as f64 <= memory_limit, "{image} {u:?}");
            }
        }
    }

    #[test]
    fn requests_raise_the_level() {
        let r = resources(&[("requests", "cpu", "2"), ("requests", "memory", "1Gi")]);
        let big = Cluster::running("redis", 1, with_resources(r));
        let small = Cluster::running("redis", 1, |_| {});
        assert!(big.usage()[0].cpu_millis > small.usage()[0].cpu_millis * 10);
        assert!(big.usage()[0].memory_bytes > small.usage()[0].memory_bytes);
    }

    #[test]
    fn pods_that_do_not_run_have_no_metrics_and_nodes_sum_their_pods() {
        let mut c = Cluster::running("nginx", 3, |_| {});
        c.run_for(SignedDuration::from_secs(600));
        let now = c.engine.now();
        let node = node_usage(c.engine.store(), "node-1", now).expect("node");
        let sum = c.usage().into_iter().fold(Usage::default(), Usage::add);
        assert_eq!(node.usage, sum);
        assert_eq!(node.timestamp, sampled_at(now));
        assert!(node_usage(c.engine.store(), "node-9", now).is_none());

        let pending = Cluster::running("nginx:no-such-tag", 1, |_| {});
        let pod = &pending.pods()[0];
        assert!(pod_usage(pod, pending.engine.now()).is_none());
    }

    #[test]
    fn quantities_read_like_metrics_servers() {
        let u = Usage {
            cpu_millis: 12,
            memory_bytes: 34 * MIB,
        };
        assert_eq!((u.cpu().0, u.memory().0), ("12m".into(), "34Mi".into()));
        let u = Usage {
            cpu_millis: 0,
            memory_bytes: 1536 * 1024 + 512,
        };
        assert_eq!(u.memory().0, "1536Ki");
    }
}
