//! Changes to a live workload (Deployment, StatefulSet, DaemonSet), built as kubectl
//! builds them: scale, pause and restart as merge patches; upgrades and rollbacks as whole objects carrying the
//! `resourceVersion` they were read at, so a stale edit is refused (409) instead of
//! overwriting someone else's change. Every edited manifest is checked by the shared
//! rules before it is sent.

mod diff;
mod placement;
mod strategy;
mod template;

pub use diff::{line_diff, DiffLine};
pub use placement::{scheduling_row, with_scheduling};
pub use strategy::{deployment_strategy, with_strategy, StrategyText};
pub use template::{
    check, container_images, pause_patch, restart_patch, rolled_back, scale_patch, with_images,
    RESTARTED_AT,
};
