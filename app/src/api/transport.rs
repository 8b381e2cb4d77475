//! How server-side rendering reaches the API: the same routes, called in process.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// An answer from the API: the HTTP status code and the body.
pub type Answered = Pin<Box<dyn Future<Output = (u16, String)> + Send>>;

/// Sends a `GET` for a path to the API router without a network hop. The server puts
/// one in the rendering context, so pages rendered on the server read the same
/// Kubernetes API the browser reads.
#[derive(Clone)]
pub struct ApiTransport(pub Arc<dyn Fn(String) -> Answered + Send + Sync>);
