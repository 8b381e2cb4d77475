//! The object store: every object with its uid, resourceVersion and generation, and the
//! history that watches replay, as the API server keeps them in etcd.

mod defaults;
mod form;
mod index;
mod object;
mod table;

use std::sync::Arc;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;

pub use defaults::{JOB_CONTROLLER_UID, JOB_NAME};
pub use form::{CorrelationKey, Form, StoredEvent};
pub use object::{resource_name, Object, Tables};
pub use table::{EventType, ObjectKey, Table, WatchEvent};

use crate::error::Error;
use crate::naming::Names;

/// How many changes of one kind a watch can replay before it must relist (410 Expired).
pub const DEFAULT_HISTORY: usize = 10_000;

/// Every object the engine holds, with a cluster-wide resourceVersion.
pub struct Store {
    tables: Tables,
    resource_version: u64,
    history_limit: usize,
    names: Names,
}

impl Store {
    /// An empty store whose random names and uids come from `seed` (tests repeat exactly).
    pub fn new(seed: u64) -> Self {
        Store {
            tables: Tables::default(),
            resource_version: 0,
            history_limit: DEFAULT_HISTORY,
            names: Names::new(seed),
        }
    }

    /// Keeps at most `limit` changes per kind for watches to replay.
    pub fn set_history_limit(&mut self, limit: usize) {
        self.history_limit = limit.max(1);
    }

    /// The resourceVersion of the latest change to any object.
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    /// The generator of random name suffixes and uids.
    pub fn names(&mut self) -> &mut Names {
        &mut self.names
    }

    /// One object, by namespace (empty for cluster-scoped kinds) and name.
    pub fn get<K: Object>(&self, namespace: &str, name: &str) -> Option<Arc<K>> {
        K::table(&self.tables).get(namespace, name)
    }

    /// The objects of a kind kept as themselves in one namespace, or in all for
    /// `None`, in name order, borrowed.
    pub fn list<'a, K: Object<Form = Arc<K>>>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Arc<K>> + 'a {
        K::table(&self.tables)
            .iter(namespace)
            .map(|(_, _, object)| object)
    }

    /// The objects of any kind in one namespace, or in all for `None`, in name order,
    /// unpacked from their stored form (see [`Object::Form`]).
    pub fn list_unpacked<'a, K: Object>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = Arc<K>> + 'a {
        K::table(&self.tables)
            .iter(namespace)
            .map(|(ns, name, form)| form.unpack(ns, name))
    }

    /// The objects of a kind in one namespace, or in all for `None`, in name order, in
    /// their stored form with the namespace and name they are filed under: for a scan
    /// that need not unpack each one.
    pub fn list_stored<'a, K: Object>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a str, &'a str, &'a K::Form)> + 'a {
        K::table(&self.tables).iter(namespace)
    }

    /// The objects of a kind in `namespace` whose names start with `prefix`, in their
    /// stored form with their names: a range of the name-ordered table, not a scan of
    /// the namespace.
    pub fn list_stored_prefixed<'a, K: Object>(
        &'a self,
        namespace: &'a str,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a K::Form)> + 'a {
        K::table(&self.tables)
            .iter_prefixed(namespace, prefix)
            .map(|(_, name, form)| (name, form))
    }

    /// How many objects of a kind there are.
    pub fn count<K: Object>(&self) -> usize {
        K::table(&self.tables).len()
    }

    /// The changes to a kind after resourceVersion `since`, oldest first.
    pub fn changes_since<K: Object>(
        &self,
        since: u64,
    ) -> Result<impl Iterator<Item = &WatchEvent<K>>, Error> {
        if since > self.resource_version {
            return Err(Error::TooLarge {
                requested: since,
                current: self.resource_version,
            });
        }
        K::table(&self.tables).since(since)
    }

    /// The object of a kind with `uid`: an index lookup, or a scan for the kinds not
    /// indexed by uid ([`Object::BY_UID`]).
    pub fn get_by_uid<K: Object>(&self, uid: &str) -> Option<Arc<K>> {
        let table = K::table(&self.tables);
        if !K::BY_UID {
            return self
                .list_unpacked::<K>(None)
                .find(|o| o.metadata().uid.as_deref() == Some(uid));
        }
        let (namespace, name) = table.indexes.key_of_uid(uid)?;
        table.get(namespace, name)
    }

    /// The objects of a kind that name `owner_uid` in their owner references, in key
    /// order: an index lookup, not a scan.
    pub fn owned_by<'a, K: Object>(
        &'a self,
        owner_uid: &'a str,
    ) -> impl Iterator<Item = &'a Arc<K>> + 'a {
        K::table(&self.tables).indexes.owned_by(owner_uid)
    }

    /// The changes to a kind after resourceVersion `since` that the controllers have
    /// not all seen yet (see [`Store::forget_changes`]), oldest first.
    pub(crate) fn recent_changes<K: Object>(&self, since: u64) -> &[WatchEvent<K>] {
        K::table(&self.tables).recent.after(since)
    }

    /// Drops the recent changes at or before `seen`, once every controller has seen
    /// them.
    pub(crate) fn forget_changes(&mut self, seen: u64) {
        self.tables.forget_changes(seen);
    }

    /// Fills an unnamed object's `metadata.name` from its `generateName`, as upstream's
    /// `BeforeCreate` does before admission sees the object.
    pub fn generate_name<K: Object>(&mut self, obj: &mut K) {
        let meta = obj.metadata_mut();
        if meta.name.as_deref().unwrap_or("").is_empty() {
            if let Some(prefix) = meta.generate_name.as_deref().filter(|p| !p.is_empty()) {
                meta.name = Some(self.names.generated(prefix));
            }
        }
    }

    /// Stores a new object admission has checked: fills `metadata.name` from
    /// `generateName`, the uid, the creation time, generation 1 and a resourceVersion.
    pub fn create<K: Object>(&mut self, mut obj: K, now: Timestamp) -> Result<Arc<K>, Error> {
        let key = self.stamp(&mut obj, now)?;
        Ok(self.commit(obj, key, EventType::Added))
    }

    /// The object as [`Store::create`] would store it, without storing it: what a dry
    /// run answers (upstream's dry run fills the same system fields, resourceVersion
    /// aside).
    pub fn preview_create<K: Object>(&mut self, mut obj: K, now: Timestamp) -> Result<K, Error> {
        self.stamp(&mut obj, now)?;
        Ok(obj)
    }

    /// Gives a new object its name, identity and creation fields; an error if its
    /// name is taken. Answers where it is filed.
    fn stamp<K: Object>(&mut self, obj: &mut K, now: Timestamp) -> Result<ObjectKey, Error> {
        self.generate_name(obj);
        let meta = obj.metadata_mut();
        let name = meta.name.clone().unwrap_or_default();
        let namespace = if K::NAMESPACED {
            meta.namespace.clone().unwrap_or_default()
        } else {
            meta.namespace = None;
            String::new()
        };
        if K::table(&self.tables)
            .get_stored(&namespace, &name)
            .is_some()
        {
            return Err(Error::AlreadyExists {
                kind: crate::store::resource_name::<K>(),
                name,
            });
        }
        let uid = self.names.uid();
        let meta = obj.metadata_mut();
        meta.uid = Some(uid);
        meta.creation_timestamp = Some(Time(now));
        meta.generation = Some(1);
        meta.deletion_timestamp = None;
        obj.identified();
        Ok((namespace, name))
    }

    /// Replaces an object. A non-empty `metadata.resourceVersion` must be the stored one
    /// (optimistic concurrency); identity fields are kept; a spec change bumps the
    /// generation; an update that changes nothing is not a change.
    pub fn update<K: Object>(&mut self, obj: K) -> Result<Arc<K>, Error> {
        self.replace(obj, false)
    }

    /// [`Store::update`] for the delete path, which alone may move an object's
    /// `deletionTimestamp` and `deletionGracePeriodSeconds` once set (a shorter grace
    /// period, upstream's `BeforeDelete`).
    pub(crate) fn update_deletion<K: Object>(&mut self, obj: K) -> Result<Arc<K>, Error> {
        self.replace(obj, true)
    }

    fn replace<K: Object>(&mut self, mut obj: K, deletion_given: bool) -> Result<Arc<K>, Error> {
        let key = key_of(&obj);
        let Some(current) = K::table(&self.tables).get(&key.0, &key.1) else {
            return Err(Error::NotFound {
                kind: crate::store::resource_name::<K>(),
                name: key.1,
            });
        };
        let stale = obj
            .metadata()
            .resource_version
            .as_deref()
            .is_some_and(|rv| {
                !rv.is_empty() && Some(rv) != current.metadata().resource_version.as_deref()
            });
        if stale {
            return Err(Error::Conflict {
                kind: crate::store::resource_name::<K>(),
                name: key.1,
            });
        }
        let before = current.metadata();
        let generation = before.generation.unwrap_or(1) + i64::from(obj.spec_changed(&current));
        let meta = obj.metadata_mut();
        meta.uid.clone_from(&before.uid);
        meta.creation_timestamp
            .clone_from(&before.creation_timestamp);
        meta.resource_version.clone_from(&before.resource_version);
        meta.generation = Some(generation);
        if before.deletion_timestamp.is_some() && !deletion_given {
            // Once set, a deletion can't be taken back (upstream's ValidateObjectMetaUpdate).
            meta.deletion_timestamp
                .clone_from(&before.deletion_timestamp);
            meta.deletion_grace_period_seconds = before.deletion_grace_period_seconds;
        }
        if obj.unchanged(&current) {
            return Ok(current);
        }
        Ok(self.commit(obj, key, EventType::Modified))
    }

    /// Removes an object for good and tells the watches.
    pub fn remove<K: Object>(&mut self, namespace: &str, name: &str) -> Result<Arc<K>, Error> {
        let Some(current) = K::table(&self.tables).get(namespace, name) else {
            return Err(Error::NotFound {
                kind: crate::store::resource_name::<K>(),
                name: name.to_owned(),
            });
        };
        Ok(self.commit(
            (*current).clone(),
            (namespace.to_owned(), name.to_owned()),
            EventType::Deleted,
        ))
    }

    fn commit<K: Object>(&mut self, mut obj: K, key: ObjectKey, kind: EventType) -> Arc<K> {
        self.resource_version += 1;
        let rv = self.resource_version;
        obj.metadata_mut().resource_version = Some(rv.to_string());
        let object = Arc::new(obj);
        let previous = K::table(&self.tables).get(&key.0, &key.1);
        let event = WatchEvent {
            kind,
            object: Arc::clone(&object),
            previous,
            resource_version: rv,
        };
        let limit = self.history_limit;
        K::table_mut(&mut self.tables).put(key, event, limit);
        object
    }
}

/// The store key of an object: its namespace (empty when cluster-scoped) and name.
pub fn key_of<K: Object>(obj: &K) -> ObjectKey {
    let meta = obj.metadata();
    let namespace = if K::NAMESPACED {
        meta.namespace.clone().unwrap_or_default()
    } else {
        String::new()
    };
    (namespace, meta.name.clone().unwrap_or_default())
}
