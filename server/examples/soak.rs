//! The API over a long run, for `bench/soak.sh`: against a running `berth` (empty
//! cluster) whose process id is given, 1,000 watchers follow 100 ConfigMaps (ten each,
//! by field selector) while four clients write 500 times a second in all, each write a
//! ConfigMap's next sequence number. Every watcher checks that it sees each number of
//! its ConfigMap once and in order. Prints one line: `soak_writes=..
//! soak_writes_per_s=.. soak_events=.. soak_lost=.. soak_out_of_order=..
//! soak_rss_idle_mb=.. soak_rss_start_mb=.. soak_rss_end_mb=.. soak_rss_growth_pct=..
//! soak_rss_each_minute_mb=..,..`.
//!
//! The memory goal asks whether the server grows while it runs: `start` is taken after
//! a warm-up that fills the bounded caches a busy server holds (the watch history,
//! 10,000 changes a kind, about 20 s of writes); `idle`, before any write, is printed
//! beside it.
//!
//! `cargo run --release -p server --example soak -- 127.0.0.1:3000 <pid> [seconds]`

mod http_client;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_client::{watch_seqs, Connection, Error};

const NAMESPACE: &str = "soak";
const MAPS: usize = 100;
const WATCHERS: usize = 1_000;
const WRITES_PER_S: u64 = 500;
/// Writers on their own connections, so that one answer's latency does not hold the
/// rate down.
const WRITERS: usize = 4;
/// Writes before `start` is measured: the watch history is full after 20 s of them.
const WARM_UP: Duration = Duration::from_secs(30);

/// What the watchers found, summed over all of them.
#[derive(Default)]
struct Tally {
    events: AtomicU64,
    lost: AtomicU64,
    out_of_order: AtomicU64,
}

fn config_map(map: usize, seq: u64) -> String {
    format!(
        r#"{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"m{map:03}"}},"data":{{"seq":"{seq}"}}}}"#
    )
}

/// The server's resident memory, from `/proc`.
fn rss_mb(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Watches ConfigMap `map` from `rv`, checking its sequence numbers: each one after
/// the one before it (a gap is lost events, a step back is out of order).
async fn watcher(host: String, map: usize, rv: String, tally: Arc<Tally>) -> Result<(), Error> {
    let path = format!(
        "/api/v1/namespaces/{NAMESPACE}/configmaps?resourceVersion={rv}\
         &fieldSelector=metadata.name%3Dm{map:03}"
    );
    let mut last = 0u64;
    watch_seqs(&host, &path, |seq, _| {
        tally.events.fetch_add(1, Ordering::Relaxed);
        if seq <= last {
            tally.out_of_order.fetch_add(1, Ordering::Relaxed);
        } else {
            tally.lost.fetch_add(seq - last - 1, Ordering::Relaxed);
            last = seq;
        }
    })
    .await
}

/// Writes the ConfigMaps numbered `w` modulo [`WRITERS`] in turn, each its next
/// sequence number, at its share of [`WRITES_PER_S`]; answers how many it wrote.
async fn writer(host: String, w: usize, started: Instant, run_for: Duration) -> Result<u64, Error> {
    let mut c = Connection::open(&host).await?;
    let path = format!("/api/v1/namespaces/{NAMESPACE}/configmaps");
    let maps: Vec<usize> = (w..MAPS).step_by(WRITERS).collect();
    let period = Duration::from_micros(1_000_000 * WRITERS as u64 / WRITES_PER_S);
    let mut tick = tokio::time::interval(period);
    let mut writes = 0u64;
    while started.elapsed() < run_for {
        tick.tick().await;
        let map = maps[writes as usize % maps.len()];
        let seq = writes / maps.len() as u64 + 1;
        let (status, body) = c
            .request(
                "PUT",
                &format!("{path}/m{map:03}"),
                Some(&config_map(map, seq)),
            )
            .await?;
        if status != 200 {
            return Err(format!("PUT: {status} {}", String::from_utf8_lossy(&body)).into());
        }
        writes += 1;
    }
    Ok(writes)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let host = args.next().unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let pid = args.next().unwrap_or_default();
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(600);

    let mut c = Connection::open(&host).await?;
    c.create_namespace(NAMESPACE).await?;
    let path = format!("/api/v1/namespaces/{NAMESPACE}/configmaps");
    for map in 0..MAPS {
        c.create(&path, &config_map(map, 0)).await?;
    }
    let rv = c.list_version(&path).await?;
    let tally = Arc::new(Tally::default());
    for w in 0..WATCHERS {
        tokio::spawn(watcher(host.clone(), w % MAPS, rv.clone(), tally.clone()));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_idle = rss_mb(&pid);

    let started = Instant::now();
    let run_for = WARM_UP + Duration::from_secs(seconds);
    let rss_start = {
        let pid = pid.clone();
        tokio::spawn(async move {
            tokio::time::sleep(WARM_UP).await;
            rss_mb(&pid)
        })
    };
    // RSS each minute: whether it levels off once the watch history is full (10,000
    // changes a kind, about 20 s of writes) or keeps growing (a leak).
    let samples = Arc::new(std::sync::Mutex::new(Vec::new()));
    {
        let (samples, pid) = (samples.clone(), pid.clone());
        tokio::spawn(async move {
            let mut minute = tokio::time::interval(Duration::from_secs(60));
            minute.tick().await;
            loop {
                minute.tick().await;
                if let Ok(mut samples) = samples.lock() {
                    samples.push(rss_mb(&pid).to_string());
                }
            }
        });
    }
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| tokio::spawn(writer(host.clone(), w, started, run_for)))
        .collect();
    let mut writes = 0u64;
    for writer in writers {
        writes += writer.await??;
    }
    // The last writes reach every watcher.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let rss_end = rss_mb(&pid);
    let rss_start = rss_start.await?;
    let growth = 100.0 * (rss_end as f64 - rss_start as f64) / rss_start.max(1) as f64;
    let expected = writes * (WATCHERS / MAPS) as u64;
    let events = tally.events.load(Ordering::Relaxed);
    // Events never delivered at the end count as lost too.
    let lost = tally.lost.load(Ordering::Relaxed) + expected.saturating_sub(events);
    let samples = samples.lock().map(|s| s.join(",")).unwrap_or_default();
    println!(
        "soak_writes={writes} soak_writes_per_s={:.0} soak_events={events} soak_lost={lost} \
         soak_out_of_order={} soak_rss_idle_mb={rss_idle} soak_rss_start_mb={rss_start} \
         soak_rss_end_mb={rss_end} soak_rss_growth_pct={growth:.1} \
         soak_rss_each_minute_mb={samples}",
        writes as f64 / started.elapsed().as_secs_f64(),
        tally.out_of_order.load(Ordering::Relaxed),
    );
    Ok(())
}
