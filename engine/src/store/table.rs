//! One kind's objects and its recent changes, kept for watches to replay.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Bound;
use std::sync::Arc;

use super::form::Form;
use super::index::{Indexes, Recent};
use super::Object;
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
pub struct Table<K: Object> {
    /// Namespace, then name: lookups borrow the caller's strings instead of building
    /// a key. Each object in its kind's stored form.
    objects: BTreeMap<String, BTreeMap<String, K::Form>>,
    len: usize,
    history: VecDeque<WatchEvent<K>>,
    /// A watch can replay every change after this resourceVersion.
    oldest: u64,
    pub(super) indexes: Indexes<K>,
    pub(super) recent: Recent<K>,
}

impl<K: Object> Default for Table<K> {
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

/// One stored object with the namespace and name it is filed under.
pub(super) type Entry<'a, K> = (&'a str, &'a str, &'a <K as Object>::Form);

impl<K: Object> Table<K> {
    /// One object, unpacked.
    pub(super) fn get(&self, namespace: &str, name: &str) -> Option<Arc<K>> {
        self.objects
            .get(namespace)?
            .get(name)
            .map(|form| form.unpack(namespace, name))
    }

    /// One object as it is stored.
    pub(super) fn get_stored(&self, namespace: &str, name: &str) -> Option<&K::Form> {
        self.objects.get(namespace)?.get(name)
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The objects of one namespace (all of them for `None`), in name order.
    pub(super) fn iter<'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> Box<dyn Iterator<Item = Entry<'a, K>> + 'a> {
        let entries = |(ns, names): (&'a String, &'a BTreeMap<String, K::Form>)| {
            names
                .iter()
                .map(move |(name, form)| (ns.as_str(), name.as_str(), form))
        };
        match namespace {
            None => Box::new(self.objects.iter().flat_map(entries)),
            Some(ns) => Box::new(self.objects.get_key_value(ns).into_iter().flat_map(entries)),
        }
    }

    /// The objects of one namespace whose names start with `prefix`, in name order.
    pub(super) fn iter_prefixed<'a>(
        &'a self,
        namespace: &'a str,
        prefix: &'a str,
    ) -> impl Iterator<Item = Entry<'a, K>> + 'a {
        self.objects
            .get(namespace)
            .into_iter()
            .flat_map(move |names| {
                names
                    .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
                    .take_while(move |(name, _)| name.starts_with(prefix))
                    .map(move |(name, form)| (namespace, name.as_str(), form))
            })
    }

    pub(super) fn put(&mut self, key: ObjectKey, event: WatchEvent<K>, history_limit: usize) {
        let after = (event.kind != EventType::Deleted).then_some(&event.object);
        self.indexes.update(&key, event.previous.as_deref(), after);
        if K::READ_BY_CONTROLLERS {
            self.recent.push(
                event.kind,
                &event.object,
                event.previous.as_ref(),
                event.resource_version,
            );
        }
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
                let form = K::Form::pack(&event.object, &namespace, &name);
                let names = self.objects.entry(namespace).or_default();
                if names.insert(name, form).is_none() {
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
