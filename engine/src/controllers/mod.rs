//! The control loops. Each reads the store and writes the changes that move the cluster
//! toward what the objects ask for; the engine runs them until nothing changes.

pub(crate) mod cronjob;
pub(crate) mod daemonset;
pub(crate) mod deployment;
pub(crate) mod endpoints;
pub(crate) mod garbage_collector;
pub(crate) mod job;
pub(crate) mod namespace;
pub(crate) mod node_agent;
pub(crate) mod queue;
pub(crate) mod replicaset;
pub(crate) mod resource_quota;
pub(crate) mod revisions;
pub(crate) mod scheduler;
pub(crate) mod service;
pub(crate) mod service_account;
pub(crate) mod statefulset;
pub(crate) mod ttl_after_finished;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use crate::store::{Object, Store};
use crate::timings::Timings;

/// What a controller works with during one pass.
pub(crate) struct Ctx<'a> {
    /// The objects.
    pub store: &'a mut Store,
    /// The time of this pass.
    pub now: Timestamp,
    /// How long the simulated node's steps take.
    pub timings: &'a Timings,
    wakeups: &'a mut BinaryHeap<Reverse<Timestamp>>,
    /// The timers asked for since [`Ctx::take_woken`]: a controller files them under
    /// the object it was syncing.
    woken: Vec<Timestamp>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        store: &'a mut Store,
        now: Timestamp,
        timings: &'a Timings,
        wakeups: &'a mut BinaryHeap<Reverse<Timestamp>>,
    ) -> Self {
        Ctx {
            store,
            now,
            timings,
            wakeups,
            woken: Vec::new(),
        }
    }

    /// Asks for another pass at `at` (a timer: an image pull finishing, say).
    pub fn wake_at(&mut self, at: Timestamp) {
        if at > self.now {
            self.wakeups.push(Reverse(at));
            self.woken.push(at);
        }
    }

    /// Asks for a settle a millisecond on: work a controller put off to the next pass
    /// is not left waiting if this settle runs out of passes first.
    pub fn again_soon(&mut self) {
        if let Ok(at) = self.now.checked_add(SignedDuration::from_millis(1)) {
            self.wakeups.push(Reverse(at));
        }
    }

    /// The timers asked for since the previous call.
    pub fn take_woken(&mut self) -> std::vec::Drain<'_, Timestamp> {
        self.woken.drain(..)
    }

    /// Creates an object as a client's create is: through quota admission.
    pub fn create<K: Object>(&mut self, obj: K) -> Result<std::sync::Arc<K>, crate::Error> {
        crate::admission::create(self.store, obj, self.now)
    }

    /// Records a Kubernetes Event about `obj`.
    pub fn record<K: Object>(
        &mut self,
        obj: &K,
        warning: bool,
        reason: &str,
        message: String,
        component: &str,
    ) {
        crate::events::record(
            self.store, self.now, obj, warning, reason, message, component,
        );
    }
}

/// An int-or-percent resolved against `total`, a percent rounded up or down
/// (upstream's `GetScaledValueFromIntOrPercent`); an unreadable percent is 0.
pub(crate) fn scaled_value(value: &IntOrString, total: i32, round_up: bool) -> i32 {
    match value {
        IntOrString::Int(n) => *n,
        IntOrString::String(s) => {
            let pct: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
            let scaled = pct * i64::from(total);
            let value = if round_up {
                (scaled + 99) / 100
            } else {
                scaled / 100
            };
            i32::try_from(value).unwrap_or(i32::MAX)
        }
    }
}
