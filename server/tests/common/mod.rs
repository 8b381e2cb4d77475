//! An API over a virtual-time engine holding the demo data, called in process; and
//! ([`kubectl`]) a real server on a loopback port for the real kubectl.
#![allow(dead_code)] // each test file uses its own part of it

pub mod kubectl;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use engine::clock::VirtualClock;
use engine::k8s_openapi::jiff::SignedDuration;
use engine::Engine;
use http_body_util::BodyExt;
use serde_json::Value;
use server::cluster::Cluster;
use tower::ServiceExt;

/// The demo cluster on a virtual clock, and the API routes over it.
pub struct Api {
    pub cluster: Arc<Cluster>,
    pub clock: Arc<VirtualClock>,
    pub router: Router,
}

impl Api {
    /// The demo data, settled: `nginx-demo` has three Running pods.
    pub fn demo() -> Self {
        Self::demo_with(|_| {})
    }

    /// The demo data, with `adjust` applied to the engine first.
    pub fn demo_with(adjust: impl FnOnce(&mut Engine)) -> Self {
        let clock = Arc::new(VirtualClock::default());
        let mut engine = Engine::new(clock.clone(), 7);
        adjust(&mut engine);
        engine::demo::seed(&mut engine).expect("demo data");
        let cluster = Cluster::new(engine);
        let api = Api {
            router: server::api::router(cluster.clone()),
            cluster,
            clock,
        };
        api.run_for(5_000);
        api
    }

    /// Lets virtual time pass, firing the engine's timers.
    pub fn run_for(&self, millis: i64) {
        self.clock.advance(SignedDuration::from_millis(millis));
        self.cluster.write(|e| e.tick());
    }

    /// Lists `path` and returns the list with its resourceVersion.
    pub async fn list(&self, path: &str) -> (Value, String) {
        let (_, list) = self.json("GET", path).await;
        let rv = list["metadata"]["resourceVersion"]
            .as_str()
            .expect("list resourceVersion")
            .to_owned();
        (list, rv)
    }

    /// Sends a request and returns the response.
    pub async fn send(&self, method: &str, path: &str) -> axum::response::Response {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .expect("request");
        let Ok(response) = self.router.clone().oneshot(request).await;
        response
    }

    /// Sends a request with a JSON body and returns the response.
    pub async fn send_json(
        &self,
        method: &str,
        path: &str,
        body: &Value,
    ) -> axum::response::Response {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        let Ok(response) = self.router.clone().oneshot(request).await;
        response
    }

    /// Sends a JSON body and reads the answer as JSON.
    pub async fn write(&self, method: &str, path: &str, body: &Value) -> (StatusCode, Value) {
        read_json(self.send_json(method, path, body).await).await
    }

    /// Sends a request and reads the answer as JSON.
    pub async fn json(&self, method: &str, path: &str) -> (StatusCode, Value) {
        read_json(self.send(method, path).await).await
    }
}

/// A response's status and JSON body.
pub async fn read_json(response: axum::response::Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, serde_json::from_slice(&bytes).expect("json body"))
}
