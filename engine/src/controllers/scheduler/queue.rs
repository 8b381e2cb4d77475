//! The scheduling queue, as upstream's `PriorityQueue`: pods to try now (`activeQ`,
//! highest priority first, then oldest), pods waiting out their back-off (`backoffQ`),
//! and pods that did not fit (`unschedulablePods`), which wait for a cluster event that
//! could make them fit instead of being tried again on every change.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use crate::store::{key_of, ObjectKey};

/// Upstream's `podInitialBackoffDuration`.
const INITIAL_BACKOFF: SignedDuration = SignedDuration::from_secs(1);
/// Upstream's `podMaxBackoffDuration`.
const MAX_BACKOFF: SignedDuration = SignedDuration::from_secs(10);
/// Upstream's `podMaxInUnschedulablePodsDuration`: a pod no event moved is tried again
/// after this long anyway.
pub(super) const MAX_UNSCHEDULABLE: SignedDuration = SignedDuration::from_mins(5);

/// Where the active queue sorts a pod: priority (highest first), then creation time.
type Order = (Reverse<i32>, Option<Timestamp>, ObjectKey);

/// Which of the queues holds a pod.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Active,
    /// Backing off until the time.
    Backoff(Timestamp),
    /// Did not fit at the time; waits for an event.
    Unschedulable(Timestamp),
    /// Popped, being tried in this pass.
    InFlight,
}

/// One pod the queue holds.
struct Entry {
    order: Order,
    attempts: u32,
    failed_at: Option<Timestamp>,
    place: Place,
    /// It has required pod (anti-)affinity terms, which a pod being placed can satisfy.
    inter_pod: bool,
}

/// The kinds of cluster event that can make an unschedulable pod fit (upstream's
/// `ClusterEvent`s, as the default plugins' queueing hints sort them).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Event {
    /// A node was added or changed what the filters read, or a bound pod freed its room.
    Room,
    /// A pod was placed or a namespace's labels changed: only inter-pod affinity reads it.
    InterPod,
}

/// The scheduler's queues of pods without a node.
#[derive(Default)]
pub(crate) struct SchedulingQueue {
    active: BTreeSet<Order>,
    backoff: BTreeSet<(Timestamp, ObjectKey)>,
    unschedulable: BTreeSet<(Timestamp, ObjectKey)>,
    pods: HashMap<ObjectKey, Entry>,
    /// Every attempt made so far, for tests that count them.
    attempts: u64,
}

impl SchedulingQueue {
    /// How many scheduling attempts were made since the engine started.
    pub(crate) fn attempts(&self) -> u64 {
        self.attempts
    }

    /// Whether any pod is ready to be tried.
    pub(crate) fn has_active(&self) -> bool {
        !self.active.is_empty()
    }

    /// Adds a new pod without a node to the active queue (upstream's `Add`); a pod
    /// already queued stays where it is.
    pub(crate) fn add(&mut self, pod: &Pod) {
        let key = key_of(pod);
        if self.pods.contains_key(&key) {
            return;
        }
        let priority = pod.spec.as_ref().and_then(|s| s.priority).unwrap_or(0);
        let order = (
            Reverse(priority),
            pod.metadata.creation_timestamp.as_ref().map(|t| t.0),
            key.clone(),
        );
        self.active.insert(order.clone());
        let inter_pod = super::affinity::has_required_terms(pod);
        self.pods.insert(
            key,
            Entry {
                order,
                attempts: 0,
                failed_at: None,
                place: Place::Active,
                inter_pod,
            },
        );
    }

    /// Forgets a pod that was bound, deleted or is terminating.
    pub(crate) fn remove(&mut self, key: &ObjectKey) {
        if let Some(entry) = self.pods.remove(key) {
            self.unqueue(key, &entry);
        }
        // A burst's pods are all bound in the end: give back the room they took, which
        // a hash map keeps (400 bytes a pod of the burst).
        if self.pods.capacity() > 1024 && self.pods.len() < self.pods.capacity() / 4 {
            self.pods.shrink_to(self.pods.len() * 2);
        }
    }

    fn unqueue(&mut self, key: &ObjectKey, entry: &Entry) {
        match entry.place {
            Place::Active => {
                self.active.remove(&entry.order);
            }
            Place::Backoff(at) => {
                self.backoff.remove(&(at, key.clone()));
            }
            Place::Unschedulable(since) => {
                self.unschedulable.remove(&(since, key.clone()));
            }
            Place::InFlight => {}
        }
    }

    /// The next pod to try, counted as an attempt (upstream's `Pop`).
    pub(crate) fn pop(&mut self) -> Option<ObjectKey> {
        let (_, _, key) = self.active.pop_first()?;
        let entry = self.pods.get_mut(&key)?;
        entry.place = Place::InFlight;
        entry.attempts += 1;
        self.attempts += 1;
        Some(key)
    }

    /// The popped pod did not fit at `now`: it waits for an event (upstream's
    /// `AddUnschedulableIfNotPresent`). Answers when the queue wants to look at it
    /// again without one.
    pub(crate) fn unschedulable(&mut self, key: &ObjectKey, now: Timestamp) -> Timestamp {
        if let Some(entry) = self.pods.get_mut(key) {
            entry.failed_at = Some(now);
            entry.place = Place::Unschedulable(now);
            self.unschedulable.insert((now, key.clone()));
        }
        now + MAX_UNSCHEDULABLE
    }

    /// A cluster event at `now`: the unschedulable pods it could help go back to the
    /// active queue, or to the back-off queue while their back-off runs (upstream's
    /// `MoveAllToActiveOrBackoffQueue`). Answers the back-off ends to wake up at.
    pub(crate) fn move_all(&mut self, event: Event, now: Timestamp) -> Vec<Timestamp> {
        let keys: Vec<ObjectKey> = self
            .unschedulable
            .iter()
            .map(|(_, key)| key)
            .filter(|key| event == Event::Room || self.pods.get(*key).is_some_and(|e| e.inter_pod))
            .cloned()
            .collect();
        keys.iter()
            .filter_map(|key| self.requeue(key, now))
            .collect()
    }

    /// A client changed the unschedulable pod itself (its tolerations, say): it is
    /// tried again as after an event.
    pub(crate) fn updated(&mut self, key: &ObjectKey, now: Timestamp) -> Option<Timestamp> {
        let waiting = self
            .pods
            .get(key)
            .is_some_and(|e| matches!(e.place, Place::Unschedulable(_)));
        if waiting {
            self.requeue(key, now)
        } else {
            None
        }
    }

    /// Moves the back-offs that ended by `now` to the active queue (upstream's
    /// `flushBackoffQCompleted`), and the pods unschedulable for longer than
    /// [`MAX_UNSCHEDULABLE`] out of their wait (`flushUnschedulablePodsLeftover`).
    pub(crate) fn flush(&mut self, now: Timestamp) -> Vec<Timestamp> {
        while let Some((at, key)) = self.backoff.first().cloned() {
            if at > now {
                break;
            }
            self.backoff.pop_first();
            self.activate(&key);
        }
        let leftover: Vec<ObjectKey> = self
            .unschedulable
            .iter()
            .take_while(|(since, _)| *since + MAX_UNSCHEDULABLE <= now)
            .map(|(_, key)| key.clone())
            .collect();
        leftover
            .iter()
            .filter_map(|key| self.requeue(key, now))
            .collect()
    }

    /// Takes an unschedulable pod out of its wait: to the back-off queue while its
    /// back-off runs (answering its end), else to the active queue.
    fn requeue(&mut self, key: &ObjectKey, now: Timestamp) -> Option<Timestamp> {
        let entry = self.pods.get(key)?;
        let Place::Unschedulable(since) = entry.place else {
            return None;
        };
        self.unschedulable.remove(&(since, key.clone()));
        let ends = entry.failed_at.map(|at| at + backoff(entry.attempts));
        match ends.filter(|&ends| ends > now) {
            Some(ends) => {
                self.backoff.insert((ends, key.clone()));
                if let Some(entry) = self.pods.get_mut(key) {
                    entry.place = Place::Backoff(ends);
                }
                Some(ends)
            }
            None => {
                self.activate(key);
                None
            }
        }
    }

    fn activate(&mut self, key: &ObjectKey) {
        if let Some(entry) = self.pods.get_mut(key) {
            entry.place = Place::Active;
            self.active.insert(entry.order.clone());
        }
    }
}

/// The back-off after `attempts` failed attempts: 1 s doubling to 10 s (upstream's
/// `calculateBackoffDuration`).
fn backoff(attempts: u32) -> SignedDuration {
    let doublings = attempts.saturating_sub(1).min(8);
    (INITIAL_BACKOFF * 2i32.pow(doublings)).min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_one_second_to_ten() {
        let secs: Vec<i64> = (1..=6).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 10, 10]);
        assert_eq!(backoff(40).as_secs(), 10);
    }
}
