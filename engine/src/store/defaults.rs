//! Upstream's defaulting of the workload kinds a client may leave unset (as in
//! `pkg/apis/apps/v1/defaults.go`), so readers like `kubectl rollout status` see the
//! strategy the controllers follow.

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetUpdateStrategy, Deployment, RollingUpdateDaemonSet,
    RollingUpdateStatefulSetStrategy, StatefulSet, StatefulSetUpdateStrategy,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Fills what upstream defaults.
pub(super) trait Defaults {
    /// Sets the unset fields upstream defaults.
    fn set_defaults(&mut self);
}

impl Defaults for Deployment {
    // The Deployment controller reads its own defaults (25%/25%, 600 s) where unset.
    fn set_defaults(&mut self) {}
}

impl Defaults for StatefulSet {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.pod_management_policy
            .get_or_insert_with(|| "OrderedReady".to_owned());
        spec.revision_history_limit.get_or_insert(10);
        let strategy = spec
            .update_strategy
            .get_or_insert_with(StatefulSetUpdateStrategy::default);
        let type_ = strategy
            .type_
            .get_or_insert_with(|| "RollingUpdate".to_owned());
        if type_ == "RollingUpdate" {
            strategy
                .rolling_update
                .get_or_insert_with(RollingUpdateStatefulSetStrategy::default)
                .partition
                .get_or_insert(0);
        }
    }
}

impl Defaults for DaemonSet {
    fn set_defaults(&mut self) {
        let Some(spec) = self.spec.as_mut() else {
            return;
        };
        spec.revision_history_limit.get_or_insert(10);
        let strategy = spec
            .update_strategy
            .get_or_insert_with(DaemonSetUpdateStrategy::default);
        let type_ = strategy
            .type_
            .get_or_insert_with(|| "RollingUpdate".to_owned());
        if type_ == "RollingUpdate" {
            let rolling = strategy
                .rolling_update
                .get_or_insert_with(RollingUpdateDaemonSet::default);
            rolling.max_unavailable.get_or_insert(IntOrString::Int(1));
            rolling.max_surge.get_or_insert(IntOrString::Int(0));
        }
    }
}
