//! The pace of the simulated cluster: how long the simulated node takes for each step
//! of a pod's life, and how much of a burst the controllers take on in one pass.

use k8s_openapi::jiff::SignedDuration;

/// The size an [`Timings::image_pull`] is measured for: nginx's, in megabytes.
pub const PULL_REFERENCE_MB: u32 = 72;

/// Durations of the node agent's steps. The defaults are short but visible, so a person
/// watching the console sees a pod go through ContainerCreating and Terminating.
#[derive(Debug, Clone)]
pub struct Timings {
    /// How long pulling an image of [`PULL_REFERENCE_MB`] takes; other images take time
    /// in proportion to their size, and never less than [`Timings::pull_minimum`].
    pub image_pull: SignedDuration,
    /// The shortest pull: resolving the reference (all a failed pull of an unknown
    /// image takes, and all a re-pull of an image already on the node takes).
    pub pull_minimum: SignedDuration,
    /// From the image being pulled to the container running.
    pub container_start: SignedDuration,
    /// From a delete to the container having stopped (capped by the grace period).
    pub termination: SignedDuration,
    /// The most pods the ReplicaSet controller creates, and the node agent syncs, in
    /// one pass of a settle; the rest wait for the next pass. A burst is then created,
    /// bound and started a slice at a time, and the versions each slice wrote are
    /// forgotten before the next, instead of every version of every pod being held at
    /// once (upstream's controllers and kubelets are paced by their clients' rate
    /// limits).
    pub pods_per_pass: usize,
}

impl Timings {
    /// How long pulling an image of `size_mb` megabytes takes.
    pub fn pull_time(&self, size_mb: u32) -> SignedDuration {
        let millis =
            self.image_pull.as_millis() * i128::from(size_mb) / i128::from(PULL_REFERENCE_MB);
        let scaled = SignedDuration::from_millis(i64::try_from(millis).unwrap_or(i64::MAX));
        scaled.max(self.pull_minimum)
    }
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            image_pull: SignedDuration::from_millis(700),
            pull_minimum: SignedDuration::from_millis(100),
            container_start: SignedDuration::from_millis(300),
            termination: SignedDuration::from_millis(600),
            pods_per_pass: 5_000,
        }
    }
}
