//! How a table holds its objects: most kinds as the objects themselves, behind an
//! `Arc` every reader shares; Events packed, since they are many, written once and
//! rarely read (issue 21: an Event as k8s-openapi's struct holds 1,400 bytes).

mod event;
mod strings;

use std::sync::Arc;

pub use event::{CorrelationKey, StoredEvent};

/// How a table holds one object of kind `K`, filed under its namespace and name.
pub trait Form<K>: Send + Sync + 'static {
    /// The stored form of `object`, whose key is `namespace`/`name`.
    fn pack(object: &Arc<K>, namespace: &str, name: &str) -> Self;
    /// The object as it was packed, field for field.
    fn unpack(&self, namespace: &str, name: &str) -> Arc<K>;
}

/// The object itself: packing and unpacking share it.
impl<K: Send + Sync + 'static> Form<K> for Arc<K> {
    fn pack(object: &Arc<K>, _namespace: &str, _name: &str) -> Self {
        Arc::clone(object)
    }

    fn unpack(&self, _namespace: &str, _name: &str) -> Arc<K> {
        Arc::clone(self)
    }
}
