//! A controller's work queue, as upstream's informers and rate-limited queues give each
//! controller: the objects to look at again in a pass are those that changed (or whose
//! dependents changed) since the controller's previous pass, and those whose timer is
//! due. Everything else is as the controller left it, so a pass costs what changed,
//! not what exists.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::jiff::Timestamp;

use crate::store::{ObjectKey, Store};

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
