//! The console's client of Berth's Kubernetes API: the same endpoints kubectl uses,
//! read into lean view types so the browser bundle stays small.

pub mod access;
pub mod cluster;
pub mod clusters;
mod error;
mod fetch;
pub mod model;
pub mod paths;
pub mod reachability;
#[cfg(feature = "ssr")]
mod transport;
#[cfg(feature = "hydrate")]
pub(crate) mod watch;

pub use error::{ApiError, StatusCause};
pub use fetch::{delete, get_json, get_text, merge_patch, post_json, put_json};
#[cfg(feature = "ssr")]
pub use transport::{Answered, ApiTransport};
