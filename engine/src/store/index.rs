//! The indexes a table keeps beside its objects, as upstream's informers keep theirs:
//! objects by uid and by owner uid, and the recent changes controllers read to know
//! which objects to look at again.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use rustc_hash::FxHashMap as HashMap;

use super::table::{ObjectKey, WatchEvent};

/// Objects by uid, and by the uids they name in `ownerReferences`.
pub(super) struct Indexes<K> {
    by_uid: HashMap<String, ObjectKey>,
    /// The objects themselves, not their keys: a controller reads its dependents on
    /// every change to one of them, and a lookup per dependent in the name-ordered
    /// table cost more than keeping this current on each write.
    by_owner: HashMap<String, BTreeMap<ObjectKey, Arc<K>>>,
}

impl<K> Default for Indexes<K> {
    fn default() -> Self {
        Indexes {
            by_uid: HashMap::default(),
            by_owner: HashMap::default(),
        }
    }
}

impl<K: super::Object> Indexes<K> {
    /// The key of the object with `uid`.
    pub(super) fn key_of_uid(&self, uid: &str) -> Option<&ObjectKey> {
        self.by_uid.get(uid)
    }

    /// The objects naming `owner_uid` in their owner references, in key order.
    pub(super) fn owned_by(&self, owner_uid: &str) -> impl Iterator<Item = &Arc<K>> {
        self.by_owner
            .get(owner_uid)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    /// Moves the entries of `key` from how it was (`before`) to how it is (`after`,
    /// `None` once deleted).
    pub(super) fn update(&mut self, key: &ObjectKey, before: Option<&K>, after: Option<&Arc<K>>) {
        let (before, after_meta) = (before.map(|b| b.metadata()), after.map(|a| a.metadata()));
        let (old_uid, new_uid) = (uid(before), uid(after_meta));
        if K::BY_UID && old_uid != new_uid {
            if let Some(u) = old_uid {
                self.by_uid.remove(u);
            }
            if let Some(u) = new_uid {
                self.by_uid.insert(u.to_owned(), key.clone());
            }
        }
        for gone in owners(before).filter(|o| !owners(after_meta).any(|n| n == *o)) {
            if let Some(dependents) = self.by_owner.get_mut(gone) {
                dependents.remove(key);
                if dependents.is_empty() {
                    self.by_owner.remove(gone);
                }
            }
        }
        if let Some(object) = after {
            for owner in owners(after_meta) {
                let dependents = match self.by_owner.get_mut(owner) {
                    Some(dependents) => dependents,
                    None => self.by_owner.entry(owner.to_owned()).or_default(),
                };
                match dependents.get_mut(key) {
                    Some(kept) => *kept = Arc::clone(object),
                    None => {
                        dependents.insert(key.clone(), Arc::clone(object));
                    }
                }
            }
        }
    }
}

fn uid(meta: Option<&ObjectMeta>) -> Option<&str> {
    meta.and_then(|m| m.uid.as_deref())
}

fn owners(meta: Option<&ObjectMeta>) -> impl Iterator<Item = &str> {
    meta.and_then(|m| m.owner_references.as_deref())
        .unwrap_or_default()
        .iter()
        .map(|r| r.uid.as_str())
}

/// The changes not yet seen by every controller, oldest first (a controller's own
/// cursor says which it has seen): what an informer's event handlers would queue.
pub(super) struct Recent<K> {
    changes: Vec<WatchEvent<K>>,
}

impl<K> Default for Recent<K> {
    fn default() -> Self {
        Recent {
            changes: Vec::new(),
        }
    }
}

impl<K> Recent<K> {
    pub(super) fn push(
        &mut self,
        kind: super::EventType,
        object: &Arc<K>,
        previous: Option<&Arc<K>>,
        rv: u64,
    ) {
        self.changes.push(WatchEvent {
            kind,
            object: Arc::clone(object),
            previous: previous.cloned(),
            resource_version: rv,
        });
    }

    /// The changes after resourceVersion `since`.
    pub(super) fn after(&self, since: u64) -> &[WatchEvent<K>] {
        let start = self
            .changes
            .partition_point(|e| e.resource_version <= since);
        &self.changes[start..]
    }

    /// Forgets the changes at or before `seen`.
    pub(super) fn forget(&mut self, seen: u64) {
        let end = self.changes.partition_point(|e| e.resource_version <= seen);
        self.changes.drain(..end);
        if self.changes.is_empty() && self.changes.capacity() > 1024 {
            self.changes = Vec::new();
        }
    }
}
