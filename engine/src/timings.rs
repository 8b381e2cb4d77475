//! How long the simulated node takes for each step of a pod's life.

use k8s_openapi::jiff::SignedDuration;

/// Durations of the node agent's steps. The defaults are short but visible, so a person
/// watching the console sees a pod go through ContainerCreating and Terminating.
#[derive(Debug, Clone)]
pub struct Timings {
    /// From the pod landing on a node to its image being pulled.
    pub image_pull: SignedDuration,
    /// From the image being pulled to the container running.
    pub container_start: SignedDuration,
    /// From a delete to the container having stopped (capped by the grace period).
    pub termination: SignedDuration,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            image_pull: SignedDuration::from_millis(700),
            container_start: SignedDuration::from_millis(300),
            termination: SignedDuration::from_millis(600),
        }
    }
}
