//! Each served kind's field labels and values, as upstream's registry has them
//! (`pkg/apis/core/v1/conversion.go` for the labels, each kind's `GetAttrs` for the
//! values). Kinds that register no conversion upstream (the apps kinds, ConfigMaps)
//! offer only `metadata.name` and `metadata.namespace`, so those stay on the defaults:
//! upstream refuses `status.replicas` for ReplicaSets, and so does Berth.

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, Pod, ResourceQuota, Secret, Service,
};

use super::{FieldLabels, Selectable};

impl Selectable for Pod {
    const FIELD_LABELS: FieldLabels = FieldLabels::Only(&[
        "metadata.name",
        "metadata.namespace",
        "spec.nodeName",
        "spec.restartPolicy",
        "spec.schedulerName",
        "spec.serviceAccountName",
        "spec.hostNetwork",
        "status.phase",
        "status.podIP",
        "status.podIPs",
        "status.nominatedNodeName",
        // Old v1 clients' name for spec.nodeName.
        "spec.host",
    ]);

    fn field(&self, label: &str) -> Option<String> {
        let (spec, status) = (self.spec.as_ref(), self.status.as_ref());
        match label {
            "spec.nodeName" | "spec.host" => spec?.node_name.clone(),
            "spec.restartPolicy" => spec?.restart_policy.clone(),
            "spec.schedulerName" => spec?.scheduler_name.clone(),
            "spec.serviceAccountName" => spec?.service_account_name.clone(),
            "spec.hostNetwork" => Some(
                spec.and_then(|s| s.host_network)
                    .unwrap_or(false)
                    .to_string(),
            ),
            "status.phase" => status?.phase.clone(),
            // Upstream selects on the first of `podIPs`, which mirrors `podIP`.
            "status.podIP" => status?
                .pod_ips
                .as_ref()
                .and_then(|ips| ips.first())
                .map(|ip| ip.ip.clone())
                .or_else(|| status?.pod_ip.clone()),
            "status.nominatedNodeName" => status?.nominated_node_name.clone(),
            // `status.podIPs` is accepted but has no value upstream either.
            _ => None,
        }
    }
}

impl Selectable for Event {
    const FIELD_LABELS: FieldLabels = FieldLabels::Only(&[
        "involvedObject.kind",
        "involvedObject.namespace",
        "involvedObject.name",
        "involvedObject.uid",
        "involvedObject.apiVersion",
        "involvedObject.resourceVersion",
        "involvedObject.fieldPath",
        "reason",
        "reportingComponent",
        "source",
        "type",
        "metadata.namespace",
        "metadata.name",
    ]);

    fn field(&self, label: &str) -> Option<String> {
        let involved = &self.involved_object;
        match label {
            "involvedObject.kind" => involved.kind.clone(),
            "involvedObject.namespace" => involved.namespace.clone(),
            "involvedObject.name" => involved.name.clone(),
            "involvedObject.uid" => involved.uid.clone(),
            "involvedObject.apiVersion" => involved.api_version.clone(),
            "involvedObject.resourceVersion" => involved.resource_version.clone(),
            "involvedObject.fieldPath" => involved.field_path.clone(),
            "reason" => self.reason.clone(),
            "reportingComponent" => self.reporting_component.clone(),
            // The source's component, else the reporting controller (upstream's rule).
            "source" => self
                .source
                .as_ref()
                .and_then(|s| s.component.clone())
                .filter(|c| !c.is_empty())
                .or_else(|| self.reporting_component.clone()),
            "type" => self.type_.clone(),
            _ => None,
        }
    }
}

impl Selectable for Secret {
    const FIELD_LABELS: FieldLabels =
        FieldLabels::Only(&["type", "metadata.namespace", "metadata.name"]);

    fn field(&self, label: &str) -> Option<String> {
        match label {
            "type" => self.type_.clone(),
            _ => None,
        }
    }
}

impl Selectable for Service {
    const FIELD_LABELS: FieldLabels = FieldLabels::Only(&[
        "metadata.namespace",
        "metadata.name",
        "spec.clusterIP",
        "spec.type",
    ]);

    fn field(&self, label: &str) -> Option<String> {
        let spec = self.spec.as_ref()?;
        match label {
            "spec.clusterIP" => spec.cluster_ip.clone(),
            "spec.type" => spec.type_.clone(),
            _ => None,
        }
    }
}

impl Selectable for Namespace {
    // A cluster-scoped kind: no `metadata.namespace` here.
    const FIELD_LABELS: FieldLabels = FieldLabels::Only(&["status.phase", "metadata.name"]);

    fn field(&self, label: &str) -> Option<String> {
        match label {
            "status.phase" => self.status.as_ref()?.phase.clone(),
            _ => None,
        }
    }
}

impl Selectable for Node {
    const FIELD_LABELS: FieldLabels = FieldLabels::Only(&["metadata.name", "spec.unschedulable"]);

    fn field(&self, label: &str) -> Option<String> {
        match label {
            "spec.unschedulable" => Some(
                self.spec
                    .as_ref()
                    .and_then(|s| s.unschedulable)
                    .unwrap_or(false)
                    .to_string(),
            ),
            _ => None,
        }
    }
}

impl Selectable for ReplicaSet {}
impl Selectable for Deployment {}
impl Selectable for StatefulSet {}
impl Selectable for DaemonSet {}
impl Selectable for ControllerRevision {}
impl Selectable for ConfigMap {}
impl Selectable for k8s_openapi::api::core::v1::ServiceAccount {}
impl Selectable for Endpoints {}
impl Selectable for ResourceQuota {}
impl Selectable for k8s_openapi::api::rbac::v1::Role {}
impl Selectable for k8s_openapi::api::rbac::v1::RoleBinding {}
impl Selectable for k8s_openapi::api::rbac::v1::ClusterRole {}
impl Selectable for k8s_openapi::api::rbac::v1::ClusterRoleBinding {}
impl Selectable for k8s_openapi::api::networking::v1::Ingress {}
impl Selectable for k8s_openapi::api::networking::v1::NetworkPolicy {}
impl Selectable for k8s_openapi::api::certificates::v1::CertificateSigningRequest {}
impl Selectable for k8s_openapi::api::storage::v1::CSIStorageCapacity {}

/// Upstream's batch registry offers `status.successful` besides the names.
impl Selectable for k8s_openapi::api::batch::v1::Job {
    const FIELD_LABELS: FieldLabels =
        FieldLabels::Only(&["metadata.name", "metadata.namespace", "status.successful"]);

    fn field(&self, label: &str) -> Option<String> {
        match label {
            "status.successful" => Some(
                self.status
                    .as_ref()
                    .and_then(|s| s.succeeded)
                    .unwrap_or(0)
                    .to_string(),
            ),
            _ => None,
        }
    }
}
impl Selectable for k8s_openapi::api::batch::v1::CronJob {}
