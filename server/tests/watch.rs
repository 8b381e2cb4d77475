//! Watch streams deliver every change, resume from a resourceVersion, and expire.

use crate::common;

use axum::body::Body;
use axum::http::StatusCode;
use common::Api;
use http_body_util::BodyExt;
use serde_json::Value;

#[tokio::test]
async fn a_watch_without_version_starts_with_every_object() {
    let api = Api::demo();
    let mut lines = Lines::new(
        api.send("GET", "/api/v1/namespaces/default/pods?watch=true")
            .await,
    );
    for _ in 0..3 {
        let event = lines.next().await.expect("event");
        assert_eq!(event["type"], "ADDED");
        assert_eq!(event["object"]["kind"], "Pod");
    }
}

#[tokio::test]
async fn a_deleted_pod_and_its_replacement_reach_the_watch_in_order() {
    let api = Api::demo();
    let (list, rv) = api.list("/api/v1/namespaces/default/pods").await;
    let victim = list["items"][1]["metadata"]["name"]
        .as_str()
        .expect("name")
        .to_owned();
    let response = api
        .send(
            "GET",
            &format!("/api/v1/namespaces/default/pods?watch=1&resourceVersion={rv}"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut lines = Lines::new(response);

    api.json(
        "DELETE",
        &format!("/api/v1/namespaces/default/pods/{victim}"),
    )
    .await;
    let first = lines.next().await.expect("event");
    assert_eq!(first["type"], "MODIFIED");
    assert_eq!(first["object"]["metadata"]["name"], victim.as_str());
    assert!(first["object"]["metadata"]["deletionTimestamp"].is_string());
    let second = lines.next().await.expect("event");
    assert_eq!(second["type"], "ADDED");
    let replacement = second["object"]["metadata"]["name"]
        .as_str()
        .expect("name")
        .to_owned();
    assert_ne!(replacement, victim);

    api.run_for(5_000);
    let mut versions = vec![];
    let (mut deleted, mut replacement_running) = (false, false);
    while !(deleted && replacement_running) {
        let event = lines.next().await.expect("event");
        versions.push(
            event["object"]["metadata"]["resourceVersion"]
                .as_str()
                .and_then(|v| v.parse::<u64>().ok())
                .expect("rv"),
        );
        let name = event["object"]["metadata"]["name"]
            .as_str()
            .unwrap_or_default();
        deleted |= event["type"] == "DELETED" && name == victim;
        replacement_running |=
            name == replacement && event["object"]["status"]["phase"] == "Running";
    }
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "in resourceVersion order: {versions:?}"
    );
}

#[tokio::test]
async fn a_watch_from_a_version_no_longer_kept_gets_410_expired() {
    let api = Api::demo_with(|engine| engine.store_mut().set_history_limit(3));
    let mut lines = Lines::new(
        api.send(
            "GET",
            "/api/v1/namespaces/default/pods?watch=true&resourceVersion=1",
        )
        .await,
    );
    let event = lines.next().await.expect("error event");
    assert_eq!(event["type"], "ERROR");
    assert_eq!(event["object"]["code"], 410);
    assert_eq!(event["object"]["reason"], "Expired");
    assert!(
        lines.next().await.is_none(),
        "the stream ends after the error"
    );
}

#[tokio::test]
async fn a_watch_ends_after_its_timeout() {
    let api = Api::demo();
    let (_, rv) = api.list("/api/v1/namespaces/default/pods").await;
    let mut lines = Lines::new(
        api.send(
            "GET",
            &format!(
                "/api/v1/namespaces/default/pods?watch=true&resourceVersion={rv}&timeoutSeconds=0"
            ),
        )
        .await,
    );
    assert!(lines.next().await.is_none());
}

/// Reads watch events from a streamed body, one JSON line at a time.
struct Lines {
    body: Body,
    buffer: Vec<u8>,
}

impl Lines {
    /// Wraps a watch response's body.
    fn new(response: axum::response::Response) -> Self {
        Lines {
            body: response.into_body(),
            buffer: Vec::new(),
        }
    }

    /// The next event; `None` when the stream ends. Guarded so a missing event fails the
    /// test instead of hanging it.
    async fn next(&mut self) -> Option<Value> {
        loop {
            if let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                return Some(serde_json::from_slice(&line[..end]).expect("event json"));
            }
            let frame = tokio::time::timeout(std::time::Duration::from_secs(10), self.body.frame())
                .await
                .expect("no watch event arrived")?;
            if let Ok(data) = frame.expect("frame").into_data() {
                self.buffer.extend_from_slice(&data);
            }
        }
    }
}
