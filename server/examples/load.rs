//! The API under load, for `bench/api.sh`: against a running `berth` (empty cluster),
//! fills a namespace with 1,000 pods, then measures GET of one pod (p99 and requests
//! per second at a fixed concurrency), LIST of the 1,000 pods (p99), and a watch
//! fan-out (1,000 watchers; from one write to the last of them receiving it, p99 over
//! the writes). Prints one line: `get_p99_ms=.. get_rps=.. list1k_p99_ms=..
//! watch1k_p99_ms=..`.
//!
//! A minimal HTTP/1.1 client over keep-alive connections: the figures should be the
//! server's, not a client library's.
//!
//! `cargo run --release -p server --example load -- 127.0.0.1:3000`

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

const NAMESPACE: &str = "bench";
const PODS: usize = 1_000;
const GET_CONCURRENCY: usize = 32;
const GET_FOR: Duration = Duration::from_secs(5);
const LISTS: usize = 200;
const WATCHERS: usize = 1_000;
const WRITES: usize = 50;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// One keep-alive connection.
struct Connection {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Connection {
    async fn open(host: &str) -> Result<Connection, Error> {
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream: BufReader::new(stream),
            host: host.to_owned(),
        })
    }

    /// Sends a request and reads the whole answer: its status and body.
    async fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> Result<(u16, Vec<u8>), Error> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if let Some(body) = body {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        head.push_str(body.unwrap_or_default());
        self.stream.get_mut().write_all(head.as_bytes()).await?;
        let (status, length, chunked) = self.read_head().await?;
        let body = if chunked {
            self.read_chunked().await?
        } else {
            let mut body = vec![0; length];
            self.stream.read_exact(&mut body).await?;
            body
        };
        Ok((status, body))
    }

    async fn read_head(&mut self) -> Result<(u16, usize, bool), Error> {
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line.split_whitespace().nth(1).unwrap_or("0").parse()?;
        let (mut length, mut chunked) = (0, false);
        loop {
            line.clear();
            self.stream.read_line(&mut line).await?;
            let header = line.trim_end();
            if header.is_empty() {
                return Ok((status, length, chunked));
            }
            let lower = header.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("content-length:") {
                length = value.trim().parse()?;
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
    }

    async fn read_chunked(&mut self) -> Result<Vec<u8>, Error> {
        let mut body = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            self.stream.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim(), 16)?;
            let mut chunk = vec![0; size + 2];
            self.stream.read_exact(&mut chunk).await?;
            if size == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
}

fn p99(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    let index = (samples.len() * 99).div_ceil(100).saturating_sub(1);
    samples.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

async fn fill(host: &str) -> Result<(), Error> {
    let mut c = Connection::open(host).await?;
    let ns =
        format!(r#"{{"apiVersion":"v1","kind":"Namespace","metadata":{{"name":"{NAMESPACE}"}}}}"#);
    c.request("POST", "/api/v1/namespaces", Some(&ns)).await?;
    for i in 0..PODS {
        let pod = format!(
            r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"pod-{i:04}","labels":{{"app":"bench"}}}},"spec":{{"containers":[{{"name":"web","image":"nginx:1.27"}}]}}}}"#
        );
        let (status, body) = c
            .request(
                "POST",
                &format!("/api/v1/namespaces/{NAMESPACE}/pods"),
                Some(&pod),
            )
            .await?;
        if status != 201 {
            return Err(format!(
                "creating pod-{i:04}: {status} {}",
                String::from_utf8_lossy(&body)
            )
            .into());
        }
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
    seen: mpsc::UnboundedSender<(usize, Instant)>,
) -> Result<(), Error> {
    let mut stream = TcpStream::connect(&host).await?;
    let request = format!(
        "GET /api/v1/namespaces/{NAMESPACE}/configmaps?watch=true&resourceVersion={rv}\
         &fieldSelector=metadata.name%3Dprobe HTTP/1.1\r\nHost: {host}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut buffer: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        let now = Instant::now();
        buffer.extend_from_slice(&chunk[..n]);
        // Every complete event line (a chunk boundary may split one).
        while let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            let text = String::from_utf8_lossy(&line);
            if let Some(at) = text.find(r#""seq":""#) {
                let digits: String = text[at + 7..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(seq) = digits.parse() {
                    let _ = seen.send((seq, now));
                }
            }
        }
    }
}

async fn fan_out(host: &str) -> Result<f64, Error> {
    let mut c = Connection::open(host).await?;
    let probe = |seq: usize| {
        format!(
            r#"{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"probe"}},"data":{{"seq":"{seq}"}}}}"#
        )
    };
    let path = format!("/api/v1/namespaces/{NAMESPACE}/configmaps");
    c.request("POST", &path, Some(&probe(0))).await?;
    let (_, list) = c.request("GET", &path, None).await?;
    let list: serde_json::Value = serde_json::from_slice(&list)?;
    let rv = list["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or("0")
        .to_owned();
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
    seen: &mut mpsc::UnboundedReceiver<(usize, Instant)>,
    seq: usize,
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
