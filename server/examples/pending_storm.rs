//! A storm of pods that cannot all fit, for `bench/pending-storm.sh`: against a running
//! `berth` serving the demo cluster (whose nodes fill after a few hundred pods),
//! 16 clients create 20,000 bare pods in `default` while another GETs the Deployment
//! `nginx-demo` in a loop. Prints one line: `storm_pods_per_s=.. storm_get_p99_ms=..
//! storm_seconds=..`.
//!
//! `cargo run --release -p server --example pending_storm -- 127.0.0.1:3000`

mod http_client;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_client::{p99, Connection, Error};

const PODS: usize = 20_000;
const CLIENTS: usize = 16;
const GET_PATH: &str = "/apis/apps/v1/namespaces/default/deployments/nginx-demo";

/// One client's share of the pods: those whose number is `client` modulo [`CLIENTS`].
async fn create(host: String, client: usize) -> Result<(), Error> {
    let mut c = Connection::open(&host).await?;
    for i in (client..PODS).step_by(CLIENTS) {
        let pod = format!(
            r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"storm-{i:05}","labels":{{"app":"storm"}}}},"spec":{{"containers":[{{"name":"web","image":"nginx:1.27","resources":{{"requests":{{"cpu":"100m","memory":"64Mi"}}}}}}]}}}}"#
        );
        c.create("/api/v1/namespaces/default/pods", &pod).await?;
    }
    Ok(())
}

/// GETs one Deployment until `done`, timing each answer.
async fn get_loop(host: String, done: Arc<AtomicBool>) -> Result<Vec<Duration>, Error> {
    let mut c = Connection::open(&host).await?;
    let mut samples = Vec::new();
    while !done.load(Ordering::Relaxed) {
        let at = Instant::now();
        let (status, _) = c.request("GET", GET_PATH, None).await?;
        samples.push(at.elapsed());
        if status != 200 {
            return Err(format!("GET: {status}").into());
        }
    }
    Ok(samples)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let host = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let done = Arc::new(AtomicBool::new(false));
    let getter = tokio::spawn(get_loop(host.clone(), done.clone()));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| tokio::spawn(create(host.clone(), client)))
        .collect();
    for client in clients {
        client.await??;
    }
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let samples = getter.await??;
    println!(
        "storm_pods_per_s={:.0} storm_get_p99_ms={:.2} storm_seconds={seconds:.1}",
        PODS as f64 / seconds,
        p99(samples)
    );
    Ok(())
}
