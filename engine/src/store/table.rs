//! One kind's objects and its recent changes, kept for watches to replay.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Bound;
use std::sync::Arc;

use super::index::{Indexes, Recent};
use crate::Error;

/// What happened to an object, as a watch reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// The object was created.
    Added,
    /// The object changed.
    Modified,
    /// The object is gone.
    Deleted,
}

impl EventType {
    /// The upper-case name the Kubernetes watch protocol uses.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One change to one object.
#[derive(Debug, Clone)]
pub struct WatchEvent<K> {
    /// What happened.
    pub kind: EventType,
    /// The object after the change (for `Deleted`, its last state).
    pub object: Arc<K>,
    /// The object before the change (`None` for `Added`): a watch with a selector
    /// needs it to tell an object entering or leaving its selection.
    pub previous: Option<Arc<K>>,
    /// The cluster-wide resourceVersion of the change.
    pub resource_version: u64,
}

/// Where an object lives: its namespace (empty for cluster-scoped kinds) and name.
pub type ObjectKey = (String, String);

/// The objects of one kind and a bounded history of their changes.
pub struct Table<K> {
    /// Namespace, then name: lookups borrow the caller's strings instead of building
    /// a key.
    objects: BTreeMap<String, BTreeMap<String, Arc<K>>>,
    len: usize,
    history: VecDeque<WatchEvent<K>>,
    /// A watch can replay every change after this resourceVersion.
    oldest: u64,
    pub(super) indexes: Indexes<K>,
    pub(super) recent: Recent<K>,
}

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table {
            objects: BTreeMap::new(),
            len: 0,
            history: VecDeque::new(),
            oldest: 0,
            indexes: Indexes::default(),
            recent: Recent::default(),
        }
    }
}

impl<K> Table<K> {
    pub(super) fn get(&self, namespace: &str, name: &str) -> Option<&Arc<K>> {
        self.objects.get(namespace)?.get(name)
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The objects of one namespace (all of them for `None`), in name order.
    pub(super) fn iter<'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> Box<dyn Iterator<Item = &'a Arc<K>> + 'a> {
        match namespace {
            None => Box::new(self.objects.values().flat_map(BTreeMap::values)),
            Some(ns) => Box::new(self.objects.get(ns).into_iter().flat_map(BTreeMap::values)),
        }
    }

    /// The objects of one namespace whose names start with `prefix`, in name order.
    pub(super) fn iter_prefixed<'a>(
        &'a self,
        namespace: &'a str,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a Arc<K>> + 'a {
        self.objects
            .get(namespace)
            .into_iter()
            .flat_map(move |names| {
                names
                    .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
                    .take_while(move |(name, _)| name.starts_with(prefix))
                    .map(|(_, v)| v)
            })
    }

    pub(super) fn put(&mut self, key: ObjectKey, event: WatchEvent<K>, history_limit: usize)
    where
        K: super::Object,
    {
        let after = (event.kind != EventType::Deleted).then_some(&event.object);
        self.indexes.update(&key, event.previous.as_deref(), after);
        self.recent.push(
            event.kind,
            &event.object,
            event.previous.as_ref(),
            event.resource_version,
        );
        let (namespace, name) = key;
        match event.kind {
            EventType::Deleted => {
                if let Some(names) = self.objects.get_mut(&namespace) {
                    if names.remove(&name).is_some() {
                        self.len -= 1;
                    }
                    if names.is_empty() {
                        self.objects.remove(&namespace);
                    }
                }
            }
            _ => {
                let names = self.objects.entry(namespace).or_default();
                if names.insert(name, Arc::clone(&event.object)).is_none() {
                    self.len += 1;
                }
            }
        }
        self.history.push_back(event);
        while self.history.len() > history_limit {
            if let Some(dropped) = self.history.pop_front() {
                self.oldest = dropped.resource_version;
            }
        }
    }

    /// The changes after `since`, oldest first; `Expired` when they are no longer kept.
    pub(super) fn since(&self, since: u64) -> Result<impl Iterator<Item = &WatchEvent<K>>, Error> {
        if since < self.oldest {
            return Err(Error::Expired {
                requested: since,
                oldest: self.oldest,
            });
        }
        let start = self
            .history
            .partition_point(|e| e.resource_version <= since);
        Ok(self.history.range(start..))
    }
}
