//! The engine at scale: `cargo run --release -p engine --example scale -- --deployments N
//! --replicas R` creates N Deployments of R pods on virtual time, drives every pod to
//! Ready, then rolls every Deployment to a new image, printing one line per phase:
//! `phase=create pods=100000 seconds=1.84 pods_per_s=54347 rss_mb=312 …`, with the bytes
//! the engine holds (`live_*`, see [`live_heap`]) beside the RSS, and the Events kept.

// The server's allocator settings, from the server's own file.
#[path = "../../../server/src/allocator.rs"]
mod allocator;
mod live_heap;

use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use engine::clock::VirtualClock;
use engine::k8s_openapi::api::apps::v1::Deployment;
use engine::k8s_openapi::api::core::v1::{Event, Pod};
use engine::k8s_openapi::jiff::SignedDuration;
use engine::{demo, Engine};

/// The server's allocator (see `server/src/main.rs`), counted: with glibc's, half of a
/// 60,000-pod run went to malloc, free and consolidation.
#[global_allocator]
static GLOBAL: live_heap::Counting = live_heap::Counting;

/// How big a cluster to simulate.
#[derive(Parser)]
struct Args {
    /// Deployments to create.
    #[arg(long, default_value_t = 1_000)]
    deployments: usize,
    /// Pods per Deployment.
    #[arg(long, default_value_t = 10)]
    replicas: i32,
    /// Simulated nodes the pods spread over; 0 gives enough for every pod and a
    /// rollout's surge at upstream's 110 pods per node.
    #[arg(long, default_value_t = 0)]
    nodes: usize,
}

fn rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Advances virtual time a second at a time until `done` holds (or an hour passes).
fn run_until(engine: &mut Engine, clock: &VirtualClock, done: impl Fn(&Engine) -> bool) -> bool {
    for _ in 0..3_600 {
        if done(engine) {
            return true;
        }
        clock.advance(SignedDuration::from_secs(1));
        engine.tick();
    }
    done(engine)
}

/// Whether every Deployment has rolled out `image` to all its pods, Ready, with no
/// other pod left: as `kubectl rollout status` reads it, from the Deployments' status,
/// so that the check does not read every pod each simulated second.
fn ready_with(engine: &Engine, image: &str, want: usize) -> bool {
    let rolled_out = |d: &Deployment| {
        let (Some(spec), Some(status)) = (d.spec.as_ref(), d.status.as_ref()) else {
            return false;
        };
        let template = spec.template.spec.as_ref();
        let replicas = spec.replicas.unwrap_or(1);
        template.is_some_and(|t| t.containers[0].image.as_deref() == Some(image))
            && status.observed_generation == d.metadata.generation
            && status.replicas == Some(replicas)
            && status.updated_replicas == Some(replicas)
            && status.ready_replicas == Some(replicas)
    };
    engine.store().count::<Pod>() == want
        && engine
            .store()
            .list::<Deployment>(None)
            .all(|d| rolled_out(d))
}

fn report(engine: &Engine, phase: &str, pods: usize, started: Instant, completed: bool) {
    let seconds = started.elapsed().as_secs_f64();
    let rate = pods as f64 / seconds.max(1e-9);
    let rss = rss_mb();
    let per_pod = (rss * 1024 * 1024) as f64 / pods.max(1) as f64;
    let live = live_heap::live_bytes();
    let live_per_pod = live as f64 / pods.max(1) as f64;
    let peak_per_pod = live_heap::peak_bytes() as f64 / pods.max(1) as f64;
    live_heap::reset_peak();
    let events = engine.store().count::<Event>();
    // What a compact store could get near: the pods' own JSON, on average.
    let sample: Vec<usize> = engine
        .store()
        .list::<Pod>(None)
        .take(1_000)
        .map(|p| serde_json::to_vec(&**p).map_or(0, |json| json.len()))
        .collect();
    let pod_json = sample.iter().sum::<usize>() / sample.len().max(1);
    let note = if completed { "" } else { " incomplete=true" };
    println!(
        "phase={phase} pods={pods} seconds={seconds:.2} pods_per_s={rate:.0} rss_mb={rss} \
         bytes_per_pod={per_pod:.0} live_mb={} live_bytes_per_pod={live_per_pod:.0} \
         peak_live_bytes_per_pod={peak_per_pod:.0} events={events} \
         pod_json_bytes={pod_json}{note}",
        live >> 20
    );
}

fn main() {
    let args = Args::parse();
    allocator::release_freed_pages_sooner();
    let clock = Arc::new(VirtualClock::default());
    let mut engine = Engine::new(clock.clone(), 1);
    let pods = args.deployments * args.replicas.max(0) as usize;
    let nodes = match args.nodes {
        // Room for twice the pods: a rollout's surge, and old pods still terminating.
        0 => (pods * 2).div_ceil(110).max(1),
        n => n,
    };
    for i in 0..nodes {
        let number = u16::try_from(i + 1).expect("at most 3,071 nodes");
        engine
            .add_numbered_node(&format!("node-{i}"), number, 64, 256)
            .expect("node");
    }
    engine
        .create(demo::namespace("default"))
        .expect("namespace");

    let started = Instant::now();
    let now = engine.now();
    for i in 0..args.deployments {
        let d = demo::deployment("default", &format!("app-{i}"), "nginx:1.26", args.replicas);
        engine.store_mut().create(d, now).expect("deployment");
    }
    engine.settle();
    let done = run_until(&mut engine, &clock, |e| ready_with(e, "nginx:1.26", pods));
    report(&engine, "create", pods, started, done);

    let started = Instant::now();
    let names: Vec<String> = engine
        .store()
        .list::<Deployment>(None)
        .filter_map(|d| d.metadata.name.clone())
        .collect();
    for name in names {
        let mut d = (*engine
            .store()
            .get::<Deployment>("default", &name)
            .expect("deployment"))
        .clone();
        if let Some(c) = d
            .spec
            .as_mut()
            .and_then(|s| s.template.spec.as_mut())
            .and_then(|p| p.containers.first_mut())
        {
            c.image = Some("nginx:1.27".to_owned());
        }
        engine.store_mut().update(d).expect("update");
    }
    engine.settle();
    let done = run_until(&mut engine, &clock, |e| ready_with(e, "nginx:1.27", pods));
    report(&engine, "rollout", pods, started, done);
}
