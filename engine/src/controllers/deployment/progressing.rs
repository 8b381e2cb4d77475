//! The Progressing condition (upstream's `progress.go` and `checkPausedConditions`):
//! paused and resumed, the new ReplicaSet created or found, a rollout progressing,
//! complete, or past its progress deadline.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus};
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::progress::{complete, set};
use super::Sets;

/// Upstream's default `progressDeadlineSeconds`.
const DEFAULT_PROGRESS_DEADLINE: i32 = 600;
/// The `progressDeadlineSeconds` that means none (upstream's `math.MaxInt32`).
const NO_DEADLINE: i32 = i32::MAX;
/// The Progressing reason of a rollout past its deadline.
const TIMED_OUT: &str = "ProgressDeadlineExceeded";
/// The Progressing reason of a complete rollout.
const AVAILABLE: &str = "NewReplicaSetAvailable";
/// The Progressing reason of a paused Deployment.
const PAUSED: &str = "DeploymentPaused";

/// A Progressing condition set while the new ReplicaSet is found or created, which
/// upstream writes at once and the status estimate then starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Noted {
    status: &'static str,
    reason: &'static str,
    message: String,
}

impl Noted {
    /// A True condition with `reason`.
    pub fn progressing(reason: &'static str, message: String) -> Self {
        Noted {
            status: "True",
            reason,
            message,
        }
    }

    /// A False condition with `reason`.
    pub fn failed(reason: &'static str, message: String) -> Self {
        Noted {
            status: "False",
            reason,
            message,
        }
    }
}

/// What a sync's rollout tells the status that follows it.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The Progressing condition the new ReplicaSet's discovery or creation set.
    pub noted: Option<Noted>,
    /// The sync rolled out (upstream's `syncRolloutStatus`, which estimates progress),
    /// rather than only scaling (`syncDeploymentStatus`, which doesn't).
    pub rollout: bool,
}

/// Whether the Deployment has a progress deadline (upstream's `HasProgressDeadline`).
pub(crate) fn has_deadline(d: &Deployment) -> bool {
    d.spec
        .as_ref()
        .and_then(|s| s.progress_deadline_seconds)
        .is_some_and(|s| s != NO_DEADLINE)
}

/// Whether the rollout moved forward since the last status (upstream's
/// `DeploymentProgressing`): more updated, ready or available pods, or fewer old ones.
fn moved_forward(before: &DeploymentStatus, after: &DeploymentStatus) -> bool {
    let n = |v: Option<i32>| v.unwrap_or(0);
    let old = |s: &DeploymentStatus| n(s.replicas) - n(s.updated_replicas);
    n(after.updated_replicas) > n(before.updated_replicas)
        || old(after) < old(before)
        || n(after.ready_replicas) > n(before.ready_replicas)
        || n(after.available_replicas) > n(before.available_replicas)
}

/// A sync's view of a Deployment's progress: its status before and after.
pub(super) struct Progress<'a> {
    /// The Deployment as the sync read it.
    pub d: &'a Deployment,
    /// Its ReplicaSets after the sync.
    pub sets: &'a Sets,
    /// Its status as the sync read it.
    pub before: &'a DeploymentStatus,
    /// The status counters after the sync.
    pub after: &'a DeploymentStatus,
    /// The time of the sync.
    pub now: Timestamp,
}

impl Progress<'_> {
    /// When the progress deadline falls, counted from the condition's last update.
    fn deadline(&self, condition: &DeploymentCondition) -> Timestamp {
        let seconds = self
            .d
            .spec
            .as_ref()
            .and_then(|s| s.progress_deadline_seconds)
            .unwrap_or(DEFAULT_PROGRESS_DEADLINE);
        let last = condition
            .last_update_time
            .as_ref()
            .map_or(self.now, |t| t.0);
        last + SignedDuration::from_secs(seconds.into())
    }

    /// `ReplicaSet "<new>" <what>`, or the Deployment's name without a new set.
    fn message(&self, what: &str) -> String {
        match self
            .sets
            .new
            .as_ref()
            .and_then(|rs| rs.metadata.name.as_deref())
        {
            Some(name) => format!("ReplicaSet \"{name}\" {what}"),
            None => {
                let name = self.d.metadata.name.as_deref().unwrap_or_default();
                format!("Deployment \"{name}\" {what}")
            }
        }
    }

    /// Updates the Progressing condition in `conditions`; answers when the progress
    /// deadline falls if the rollout is still under way.
    pub fn update(
        &self,
        conditions: &mut Vec<DeploymentCondition>,
        outcome: &Outcome,
    ) -> Option<Timestamp> {
        let now = self.now;
        let deadline = has_deadline(self.d);
        let reason = |conditions: &[DeploymentCondition]| {
            progressing_of(conditions).and_then(|c| c.reason.clone())
        };
        // checkPausedConditions: a timed-out rollout keeps saying so.
        if deadline && reason(conditions).as_deref() != Some(TIMED_OUT) {
            let paused = self.d.spec.as_ref().and_then(|s| s.paused) == Some(true);
            let paused_noted = reason(conditions).as_deref() == Some(PAUSED);
            if paused && !paused_noted {
                let message = "Deployment is paused";
                set(
                    conditions,
                    ("Progressing", "Unknown", PAUSED),
                    message,
                    now,
                    false,
                );
            } else if !paused && paused_noted {
                let message = "Deployment is resumed";
                let resumed = ("Progressing", "Unknown", "DeploymentResumed");
                set(conditions, resumed, message, now, false);
            }
        }
        if let Some(noted) = &outcome.noted {
            let condition = ("Progressing", noted.status, noted.reason);
            set(conditions, condition, &noted.message, now, false);
        }
        if !outcome.rollout {
            return None;
        }
        if !deadline {
            conditions.retain(|c| c.type_ != "Progressing");
            return None;
        }
        let after = self.after;
        let current = reason(conditions);
        let settled =
            after.replicas == after.updated_replicas && current.as_deref() == Some(AVAILABLE);
        if !settled {
            // (status, reason, message after the set's name, whether to touch)
            let step = if complete(self.d, after) {
                Some(("True", AVAILABLE, "has successfully progressed.", false))
            } else if moved_forward(self.before, after) {
                // Progress moves lastUpdateTime, so the deadline starts again.
                Some(("True", "ReplicaSetUpdated", "is progressing.", true))
            } else if self.timed_out(conditions) {
                Some(("False", TIMED_OUT, "has timed out progressing.", false))
            } else {
                None
            };
            if let Some((status, reason, what, touch)) = step {
                let condition = ("Progressing", status, reason);
                set(conditions, condition, &self.message(what), now, touch);
            }
        }
        // requeueStuckDeployment: look again when the deadline falls.
        let condition = progressing_of(conditions)?;
        let stuck = condition.reason.as_deref() != Some(TIMED_OUT) && !complete(self.d, after);
        stuck.then(|| self.deadline(condition))
    }

    /// Upstream's `DeploymentTimedOut`: no progress reported within the deadline.
    fn timed_out(&self, conditions: &[DeploymentCondition]) -> bool {
        let Some(condition) = progressing_of(conditions) else {
            return false;
        };
        match condition.reason.as_deref() {
            Some(AVAILABLE) => false,
            Some(TIMED_OUT) => true,
            _ => self.deadline(condition) <= self.now,
        }
    }
}

fn progressing_of(conditions: &[DeploymentCondition]) -> Option<&DeploymentCondition> {
    conditions.iter().find(|c| c.type_ == "Progressing")
}
