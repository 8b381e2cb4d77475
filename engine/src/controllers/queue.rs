//! A controller's work queue, as upstream's informers and rate-limited queues give each
//! controller: the objects to look at again in a pass are those that changed (or whose
//! dependents changed) since the controller's previous pass, and those whose timer is
//! due. Everything else is as the controller left it, so a pass costs what changed,
//! not what exists.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::ControllerRevision;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::jiff::Timestamp;

use crate::pod_state;
use crate::store::{key_of, Object, ObjectKey, Store};

/// What one controller has seen, and when it asked to look at objects again.
#[derive(Default)]
pub(crate) struct Queue {
    /// The resourceVersion at the start of the previous pass: later changes are new.
    seen: u64,
    /// The first pass looks at everything.
    primed: bool,
    timers: BTreeMap<Timestamp, BTreeSet<ObjectKey>>,
}

impl Queue {
    /// Starts a pass: the resourceVersion after which changes are new to it, or `None`
    /// when it must look at every object (its first pass).
    pub(crate) fn begin(&mut self, store: &Store) -> Option<u64> {
        let since = self.primed.then_some(self.seen);
        self.primed = true;
        self.seen = store.resource_version();
        since
    }

    /// The resourceVersion up to which this controller has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        if self.primed {
            self.seen
        } else {
            0
        }
    }

    /// The keys of the controllers of kind `K` to look at in a pass (upstream's
    /// informer handlers feeding the work queue): those that changed, those whose pods
    /// or ControllerRevisions changed, those `more` adds from the changes since the
    /// previous pass, and those whose timers are due; every one on the first pass.
    pub(crate) fn controllers<K: Object>(
        &mut self,
        store: &Store,
        now: Timestamp,
        more: impl FnOnce(u64, &mut BTreeSet<ObjectKey>),
    ) -> BTreeSet<ObjectKey> {
        self.objects::<K>(store, now, |since, keys| {
            owners_of_changed::<K, Pod>(store, since, keys);
            owners_of_changed::<K, ControllerRevision>(store, since, keys);
            more(since, keys);
        })
    }

    /// The keys of the objects of kind `K` to look at in a pass: those that changed,
    /// those `more` adds, and those whose timers are due; every one on the first pass.
    /// For controllers whose objects own no pods (a CronJob's are Jobs), so that pod
    /// changes cost them nothing.
    pub(crate) fn objects<K: Object>(
        &mut self,
        store: &Store,
        now: Timestamp,
        more: impl FnOnce(u64, &mut BTreeSet<ObjectKey>),
    ) -> BTreeSet<ObjectKey> {
        let mut keys = BTreeSet::new();
        match self.begin(store) {
            None => keys.extend(
                store
                    .list_stored::<K>(None)
                    .map(|(ns, name, _)| (ns.to_owned(), name.to_owned())),
            ),
            Some(since) => {
                keys.extend(
                    store
                        .recent_changes::<K>(since)
                        .iter()
                        .map(|c| key_of(&*c.object)),
                );
                more(since, &mut keys);
            }
        }
        self.take_due(now, &mut keys);
        keys
    }

    /// Takes the objects whose timers are due at `now` into `keys`.
    pub(crate) fn take_due(&mut self, now: Timestamp, keys: &mut BTreeSet<ObjectKey>) {
        while let Some(entry) = self.timers.first_entry() {
            if *entry.key() > now {
                break;
            }
            keys.extend(entry.remove());
        }
    }

    /// Looks at `key` again at each of `times`.
    pub(crate) fn wake(&mut self, key: &ObjectKey, times: impl IntoIterator<Item = Timestamp>) {
        for at in times {
            self.timers.entry(at).or_default().insert(key.clone());
        }
    }
}

/// Adds the `K` controlling each `D` changed since `since` (before or after the change).
pub(crate) fn owners_of_changed<K: Object, D: Object>(
    store: &Store,
    since: u64,
    keys: &mut BTreeSet<ObjectKey>,
) {
    for change in store.recent_changes::<D>(since) {
        let versions = [Some(&change.object), change.previous.as_ref()];
        for dependent in versions.into_iter().flatten() {
            let controller = dependent
                .metadata()
                .owner_references
                .iter()
                .flatten()
                .find(|o| o.controller == Some(true) && o.kind == K::KIND);
            if let Some(owner) = controller.and_then(|o| store.get_by_uid::<K>(&o.uid)) {
                keys.insert(key_of(&*owner));
            }
        }
    }
}

/// Adds the `K`s whose `selector` matches a changed pod that has no controller (before
/// or after the change), in its namespace: upstream's `getPodStatefulSets` and
/// `getPodDaemonSets`, for a set that may adopt the pod or waits for its name.
pub(crate) fn selecting_orphans<K: Object<Form = std::sync::Arc<K>>>(
    store: &Store,
    since: u64,
    keys: &mut BTreeSet<ObjectKey>,
    selector: impl Fn(&K) -> Option<&LabelSelector>,
) {
    for change in store.recent_changes::<Pod>(since) {
        let versions = [Some(&change.object), change.previous.as_ref()];
        for pod in versions.into_iter().flatten() {
            if pod_state::controller_uid(&pod.metadata).is_some() {
                continue;
            }
            let labels = pod.metadata.labels.as_ref();
            let namespace = pod.metadata.namespace.as_deref();
            for set in store.list::<K>(namespace) {
                if selector(set).is_some_and(|s| crate::selector::matches(s, labels)) {
                    keys.insert(key_of(&**set));
                }
            }
        }
    }
}
