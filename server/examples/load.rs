//! The API under load, for `bench/api.sh`: against a running `berth` (empty cluster),
//! fills a namespace with 1,000 pods, then measures GET of one pod (p99 and requests
//! per second at a fixed concurrency), LIST of the 1,000 pods (p99), and a watch
//! fan-out (1,000 watchers; from one write to the last of them receiving it, p99 over
//! the writes). Prints one line: `get_p99_ms=.. get_rps=.. list1k_p99_ms=..
//! watch1k_p99_ms=..`.
//!
//! `cargo run --release -p server --example load -- 127.0.0.1:3000`

mod http_client;

use std::time::{Duration, Instant};

use http_client::{p99, watch_seqs, Connection, Error};
use tokio::sync::mpsc;

const NAMESPACE: &str = "bench";
const PODS: usize = 1_000;
const GET_CONCURRENCY: usize = 32;
const GET_FOR: Duration = Duration::from_secs(5);
const LISTS: usize = 200;
const WATCHERS: usize = 1_000;
const WRITES: u64 = 50;

async fn fill(host: &str) -> Result<(), Error> {
    let mut c = Connection::open(host).await?;
    c.create_namespace(NAMESPACE).await?;
    for i in 0..PODS {
        let pod = format!(
            r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"pod-{i:04}","labels":{{"app":"bench"}}}},"spec":{{"containers":[{{"name":"web","image":"nginx:1.27"}}]}}}}"#
        );
        c.create(&format!("/api/v1/namespaces/{NAMESPACE}/pods"), &pod)
            .await?;
    }
    Ok(())
}

/// GET one pod from `GET_CONCURRENCY` connections for `GET_FOR`.
async fn get_one(host: &str) -> Result<(f64, f64), Error> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..GET_CONCURRENCY {
        let host = host.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut c = Connection::open(&host).await?;
            let path = format!("/api/v1/namespaces/{NAMESPACE}/pods/pod-0500");
            let mut samples = Vec::new();
            while started.elapsed() < GET_FOR {
                let at = Instant::now();
                let (status, _) = c.request("GET", &path, None).await?;
                samples.push(at.elapsed());
                if status != 200 {
                    return Err::<_, Error>(format!("GET: {status}").into());
                }
            }
            Ok(samples)
        }));
    }
    let mut samples = Vec::new();
    for task in tasks {
        samples.extend(task.await??);
    }
    let rps = samples.len() as f64 / started.elapsed().as_secs_f64();
    Ok((p99(samples), rps))
}

async fn list_all(host: &str) -> Result<f64, Error> {
    let mut c = Connection::open(host).await?;
    let path = format!("/api/v1/namespaces/{NAMESPACE}/pods");
    let mut samples = Vec::new();
    for _ in 0..LISTS {
        let at = Instant::now();
        let (status, body) = c.request("GET", &path, None).await?;
        samples.push(at.elapsed());
        // A list's items carry no `kind` of their own (as upstream): count the items.
        let items = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|list| list["items"].as_array().map(Vec::len))
            .unwrap_or(0);
        if status != 200 || items != PODS {
            return Err(format!("LIST: {status}, {items} pods").into());
        }
    }
    Ok(p99(samples))
}

/// A watcher of the ConfigMap `probe`: reports `(write, when)` for every `"seq":"<n>"`
/// it reads.
async fn watcher(
    host: String,
    rv: String,
    seen: mpsc::UnboundedSender<(u64, Instant)>,
) -> Result<(), Error> {
    let path = format!(
        "/api/v1/namespaces/{NAMESPACE}/configmaps?resourceVersion={rv}\
         &fieldSelector=metadata.name%3Dprobe"
    );
    watch_seqs(&host, &path, |seq, at| {
        let _ = seen.send((seq, at));
    })
    .await
}

async fn fan_out(host: &str) -> Result<f64, Error> {
    let mut c = Connection::open(host).await?;
    let probe = |seq: u64| {
        format!(
            r#"{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"probe"}},"data":{{"seq":"{seq}"}}}}"#
        )
    };
    let path = format!("/api/v1/namespaces/{NAMESPACE}/configmaps");
    c.create(&path, &probe(0)).await?;
    let rv = c.list_version(&path).await?;
    let (send, mut seen) = mpsc::unbounded_channel();
    for _ in 0..WATCHERS {
        tokio::spawn(watcher(host.to_owned(), rv.clone(), send.clone()));
    }
    // Every watcher connected: a first write all of them see.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let object = format!("{path}/probe");
    c.request("PUT", &object, Some(&probe(1))).await?;
    wait_for(&mut seen, 1).await?;
    let mut samples = Vec::new();
    for seq in 2..WRITES + 2 {
        let at = Instant::now();
        let (status, _) = c.request("PUT", &object, Some(&probe(seq))).await?;
        if status != 200 {
            return Err(format!("PUT: {status}").into());
        }
        let last = wait_for(&mut seen, seq).await?;
        samples.push(last.saturating_duration_since(at));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(p99(samples))
}

/// Waits until every watcher reported write `seq`; answers when the last one did.
async fn wait_for(
    seen: &mut mpsc::UnboundedReceiver<(u64, Instant)>,
    seq: u64,
) -> Result<Instant, Error> {
    let mut count = 0;
    let mut last = Instant::now();
    while count < WATCHERS {
        let next = tokio::time::timeout(Duration::from_secs(30), seen.recv()).await;
        match next {
            Ok(Some((s, at))) if s == seq => {
                count += 1;
                last = last.max(at);
            }
            Ok(Some(_)) => {}
            _ => return Err(format!("write {seq}: only {count} watchers saw it").into()),
        }
    }
    Ok(last)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let host = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    fill(&host).await?;
    let (get_p99, get_rps) = get_one(&host).await?;
    let list_p99 = list_all(&host).await?;
    let watch_p99 = fan_out(&host).await?;
    println!(
        "get_p99_ms={get_p99:.2} get_rps={get_rps:.0} list1k_p99_ms={list_p99:.2} watch1k_p99_ms={watch_p99:.2}"
    );
    Ok(())
}
