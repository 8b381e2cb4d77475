//! The indexes a table keeps beside its objects, as upstream's informers keep theirs:
//! objects by uid and by owner uid, and the recent changes controllers read to know
//! which objects to look at again.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::table::{ObjectKey, WatchEvent};

/// Objects by uid and by the uids they name in `ownerReferences`.
#[derive(Default)]
pub(super) struct Indexes {
    by_uid: HashMap<String, ObjectKey>,
    by_owner: HashMap<String, BTreeSet<ObjectKey>>,
}

impl Indexes {
    /// The key of the object with `uid`.
    pub(super) fn key_of_uid(&self, uid: &str) -> Option<&ObjectKey> {
        self.by_uid.get(uid)
    }

    /// The keys of the objects naming `owner_uid` in their owner references.
    pub(super) fn owned_by(&self, owner_uid: &str) -> impl Iterator<Item = &ObjectKey> {
        self.by_owner.get(owner_uid).into_iter().flatten()
    }

    /// Moves the entries of `key` from how it was (`before`) to how it is (`after`);
    /// `by_uid` says whether the kind is looked up by uid at all. Most writes change
    /// neither the uid nor the owners, and then nothing is allocated.
    pub(super) fn update(
        &mut self,
        key: &ObjectKey,
        before: Option<&ObjectMeta>,
        after: Option<&ObjectMeta>,
        by_uid: bool,
    ) {
        let (old_uid, new_uid) = (uid(before), uid(after));
        if by_uid && old_uid != new_uid {
            if let Some(u) = old_uid {
                self.by_uid.remove(u);
            }
            if let Some(u) = new_uid {
                self.by_uid.insert(u.to_owned(), key.clone());
            }
        }
        if owners(before).eq(owners(after)) {
            return;
        }
        let (old_owners, new_owners): (BTreeSet<&str>, BTreeSet<&str>) =
            (owners(before).collect(), owners(after).collect());
        for gone in old_owners.difference(&new_owners) {
            if let Some(keys) = self.by_owner.get_mut(*gone) {
                keys.remove(key);
                if keys.is_empty() {
                    self.by_owner.remove(*gone);
                }
            }
        }
        for added in new_owners.difference(&old_owners) {
            self.by_owner
                .entry((*added).to_owned())
                .or_default()
                .insert(key.clone());
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
