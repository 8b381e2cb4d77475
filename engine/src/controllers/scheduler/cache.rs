//! The scheduler's cache and its informers, as upstream's: every node with the load of
//! the pods bound to it and the bound pods whose anti-affinity repels others, kept up
//! to date from the changes rather than re-read each pass; and the scheduling queue,
//! fed from the same changes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Namespace, Node, Pod};
use k8s_openapi::jiff::Timestamp;

use super::affinity::{self, Placed};
use super::fit::NodeInfo;
use super::queue::{Event, SchedulingQueue};
use crate::controllers::queue::Queue;
use crate::pod_state;
use crate::store::{key_of, EventType, ObjectKey, Store};

/// The scheduler's state between passes.
#[derive(Default)]
pub(crate) struct Scheduler {
    changes: Queue,
    pub(super) nodes: Vec<NodeInfo>,
    pub(super) index: HashMap<String, usize>,
    /// Bound pods with required anti-affinity, and their node's index.
    repelling: BTreeMap<ObjectKey, (Arc<Pod>, usize)>,
    /// Where the next search over the nodes starts (upstream's `nextStartNodeIndex`).
    pub(super) next_start: usize,
    pub(super) pending: SchedulingQueue,
}

/// A bound pod the cache counts: on a known node and not finished (upstream's
/// scheduler ignores terminal pods).
pub(super) fn counted(pod: &Pod, index: &HashMap<String, usize>) -> Option<usize> {
    if matches!(pod_state::phase(pod), "Succeeded" | "Failed") {
        return None;
    }
    let node = pod.spec.as_ref()?.node_name.as_ref()?;
    index.get(node).copied()
}

/// A pod the scheduler must place: no node yet, no scheduling gate, and not being
/// deleted.
pub(super) fn waiting(pod: &Pod) -> bool {
    // A pod with scheduling gates waits outside the queue until the last one is
    // removed (upstream's `SchedulingGates` PreEnqueue plugin).
    pod.spec.as_ref().is_some_and(|s| {
        s.node_name.is_none() && s.scheduling_gates.as_ref().is_none_or(Vec::is_empty)
    }) && !pod_state::is_terminating(pod)
}

/// A node change that could make a pod fit: what the filters read changed (upstream's
/// queueing hints for node updates).
fn node_changed(before: &Node, after: &Node) -> bool {
    let allocatable = |n: &Node| n.status.as_ref().map(|s| s.allocatable.clone());
    before.spec != after.spec
        || before.metadata.labels != after.metadata.labels
        || allocatable(before) != allocatable(after)
        || super::node_ready(before) != super::node_ready(after)
}

impl Scheduler {
    /// The resourceVersion up to which the scheduler has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        self.changes.seen()
    }

    /// How many scheduling attempts were made since the engine started.
    pub(crate) fn attempts(&self) -> u64 {
        self.pending.attempts()
    }

    /// The bound pods whose required anti-affinity every new pod is checked against.
    pub(super) fn repelling(&self) -> Vec<Placed> {
        self.repelling
            .values()
            .map(|(pod, i)| Placed {
                pod: Arc::clone(pod),
                node: Arc::clone(&self.nodes[*i].node),
            })
            .collect()
    }

    /// Brings the cache and the queues up to date with the changes since the previous
    /// pass; answers the back-off ends to wake up at.
    pub(super) fn refresh(&mut self, store: &Store, now: Timestamp) -> Vec<Timestamp> {
        let Some(since) = self.changes.begin(store) else {
            self.rebuild(store);
            for pod in store.list::<Pod>(None).filter(|p| waiting(p)) {
                self.pending.add(pod);
            }
            return Vec::new();
        };
        let nodes = store.recent_changes::<Node>(since);
        let rebuilt = !nodes.is_empty();
        if rebuilt {
            self.rebuild(store);
        }
        let mut events = Vec::new();
        if nodes.iter().any(|c| match (c.kind, c.previous.as_deref()) {
            (EventType::Modified, Some(before)) => node_changed(before, &c.object),
            _ => true,
        }) {
            events.push(Event::Room);
        }
        let mut wakes = Vec::new();
        for change in store.recent_changes::<Pod>(since) {
            if !rebuilt {
                self.count(change.previous.as_deref(), change.kind, &change.object);
            }
            events.extend(self.queue_change(
                change.previous.as_deref(),
                change.kind,
                &change.object,
            ));
            let key = key_of(&*change.object);
            if change.kind != EventType::Deleted && waiting(&change.object) {
                if spec_changed(change.previous.as_deref(), &change.object) {
                    wakes.extend(self.pending.updated(&key, now));
                }
                self.pending.add(&change.object);
            } else {
                self.pending.remove(&key);
            }
        }
        let namespaces = store.recent_changes::<Namespace>(since).iter().any(|c| {
            c.previous.as_ref().map(|p| &p.metadata.labels) != Some(&c.object.metadata.labels)
        });
        if namespaces {
            events.push(Event::InterPod);
        }
        for event in [Event::Room, Event::InterPod] {
            if events.contains(&event) {
                wakes.extend(self.pending.move_all(event, now));
            }
        }
        wakes.extend(self.pending.flush(now));
        wakes
    }

    /// Moves a changed pod's load between the nodes' counts.
    fn count(&mut self, previous: Option<&Pod>, kind: EventType, pod: &Arc<Pod>) {
        let key = key_of(&**pod);
        let before = previous.and_then(|p| counted(p, &self.index));
        let after = (kind != EventType::Deleted)
            .then(|| counted(pod, &self.index))
            .flatten();
        self.repelling.remove(&key);
        if let Some(i) = after.filter(|_| affinity::has_required_anti_affinity(pod)) {
            self.repelling.insert(key, (Arc::clone(pod), i));
        }
        // Requests don't change once a pod exists, so only its node counts.
        if before == after && previous.is_some() {
            return;
        }
        if let (Some(i), Some(previous)) = (before, previous) {
            self.nodes[i].remove_pod(previous);
        }
        if let Some(i) = after {
            self.nodes[i].add_pod(pod);
        }
    }

    /// The cluster event a pod change is: a bound pod that leaves (deleted or finished)
    /// frees room; a pod newly placed can satisfy inter-pod affinity.
    fn queue_change(&self, previous: Option<&Pod>, kind: EventType, pod: &Pod) -> Option<Event> {
        let bound = |p: &Pod| p.spec.as_ref().is_some_and(|s| s.node_name.is_some());
        let live = |p: &Pod| bound(p) && !matches!(pod_state::phase(p), "Succeeded" | "Failed");
        let was_live = previous.is_some_and(live);
        if kind == EventType::Deleted {
            return was_live.then_some(Event::Room);
        }
        match (was_live, live(pod)) {
            (true, false) => Some(Event::Room),
            (false, true) => Some(Event::InterPod),
            (true, true) if previous.map(|p| &p.metadata.labels) != Some(&pod.metadata.labels) => {
                Some(Event::InterPod)
            }
            _ => None,
        }
    }

    fn rebuild(&mut self, store: &Store) {
        self.nodes = store
            .list::<Node>(None)
            .map(|n| NodeInfo::new(Arc::clone(n)))
            .collect();
        self.index = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
        self.repelling.clear();
        for pod in store.list::<Pod>(None) {
            if let Some(i) = counted(pod, &self.index) {
                self.nodes[i].add_pod(pod);
                if affinity::has_required_anti_affinity(pod) {
                    self.repelling.insert(key_of(&**pod), (Arc::clone(pod), i));
                }
            }
        }
    }
}

/// A client changed what scheduling reads of a waiting pod (upstream's
/// `isPodUpdated`, which ignores the status the scheduler itself writes).
fn spec_changed(previous: Option<&Pod>, pod: &Pod) -> bool {
    previous.is_some_and(|p| p.spec != pod.spec || p.metadata.labels != pod.metadata.labels)
}
