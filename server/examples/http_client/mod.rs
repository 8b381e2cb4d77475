//! What the API benchmarks share: a minimal HTTP/1.1 client over keep-alive
//! connections (the figures should be the server's, not a client library's), and the
//! 99th percentile of a set of timings.
#![allow(dead_code)] // each example uses its own part of it

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Any failure of a benchmark run.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// One keep-alive connection.
pub struct Connection {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Connection {
    /// Connects to `host` (`address:port`).
    pub async fn open(host: &str) -> Result<Connection, Error> {
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream: BufReader::new(stream),
            host: host.to_owned(),
        })
    }

    /// Creates the namespace `name`.
    pub async fn create_namespace(&mut self, name: &str) -> Result<(), Error> {
        let ns =
            format!(r#"{{"apiVersion":"v1","kind":"Namespace","metadata":{{"name":"{name}"}}}}"#);
        self.create("/api/v1/namespaces", &ns).await
    }

    /// POSTs `body` to the collection `path`, which must answer 201 Created.
    pub async fn create(&mut self, path: &str, body: &str) -> Result<(), Error> {
        let (status, answer) = self.request("POST", path, Some(body)).await?;
        if status != 201 {
            let answer = String::from_utf8_lossy(&answer);
            return Err(format!("POST {path}: {status} {answer}").into());
        }
        Ok(())
    }

    /// The resourceVersion of the list at `path`, to watch from.
    pub async fn list_version(&mut self, path: &str) -> Result<String, Error> {
        let (_, list) = self.request("GET", path, None).await?;
        let list: serde_json::Value = serde_json::from_slice(&list)?;
        Ok(list["metadata"]["resourceVersion"]
            .as_str()
            .unwrap_or("0")
            .to_owned())
    }

    /// Sends a request and reads the whole answer: its status and body.
    pub async fn request(
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

/// The 99th percentile of `samples`, in milliseconds.
pub fn p99(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    let index = (samples.len() * 99).div_ceil(100).saturating_sub(1);
    samples.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Watches `path` (a collection with its query, `watch=true` added) and calls `seen`
/// with every `"seq":"<n>"` an event carries and when it was read, until the server
/// ends the stream.
pub async fn watch_seqs(
    host: &str,
    path: &str,
    mut seen: impl FnMut(u64, Instant),
) -> Result<(), Error> {
    let mut stream = TcpStream::connect(host).await?;
    let request = format!("GET {path}&watch=true HTTP/1.1\r\nHost: {host}\r\n\r\n");
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
                    seen(seq, now);
                }
            }
        }
    }
}
