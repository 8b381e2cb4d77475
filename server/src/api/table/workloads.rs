//! The tables of the apps group: Deployments, ReplicaSets, StatefulSets, DaemonSets and
//! ControllerRevisions, with upstream's columns.

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::core::v1::{Container, PodTemplateSpec};
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::age::since_time;
use super::selector::{format_labels, format_selector, selector_string};
use super::{name, Column, Printed, AGE, NAME};

pub(super) const CONTAINERS: Column =
    Column::text("Containers", "Names of each container in the template.").wide();
pub(super) const IMAGES: Column = Column::text(
    "Images",
    "Images referenced by each container in the template.",
)
.wide();
const SELECTOR: Column = Column::text(
    "Selector",
    "Label query over pods that should match the replica count.",
)
.wide();
const READY: Column = Column::text("Ready", "Number of the pod with ready state");

fn containers(template: Option<&PodTemplateSpec>) -> &[Container] {
    template
        .and_then(|t| t.spec.as_ref())
        .map_or(&[], |s| s.containers.as_slice())
}

/// Container names and images, each comma-joined (upstream's `layoutContainerCells`).
pub(super) fn layout(template: Option<&PodTemplateSpec>) -> [Value; 2] {
    let containers = containers(template);
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers
        .iter()
        .map(|c| c.image.as_deref().unwrap_or_default())
        .collect();
    [json!(names.join(",")), json!(images.join(","))]
}

impl Printed for Deployment {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            READY,
            Column::text("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            Column::text("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.as_ref();
        let status = self.status.clone().unwrap_or_default();
        // An unset replica count is upstream's default of one.
        let desired = spec.and_then(|s| s.replicas).unwrap_or(1);
        let [names, images] = layout(spec.map(|s| &s.template));
        vec![
            json!(name(self)),
            json!(format!("{}/{desired}", status.ready_replicas.unwrap_or(0))),
            json!(status.updated_replicas.unwrap_or(0)),
            json!(status.available_replicas.unwrap_or(0)),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            names,
            images,
            json!(selector_string(spec.map(|s| &s.selector))),
        ]
    }
}

impl Printed for ReplicaSet {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::number("Desired", "Replicas is the number of desired replicas."),
            Column::number(
                "Current",
                "Replicas is the most recently observed number of replicas.",
            ),
            Column::number(
                "Ready",
                "The number of ready replicas for this replica set.",
            ),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.as_ref();
        let status = self.status.clone().unwrap_or_default();
        let [names, images] = layout(spec.and_then(|s| s.template.as_ref()));
        vec![
            json!(name(self)),
            json!(spec.and_then(|s| s.replicas).unwrap_or(1)),
            json!(status.replicas),
            json!(status.ready_replicas.unwrap_or(0)),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            names,
            images,
            json!(format_selector(spec.map(|s| &s.selector))),
        ]
    }
}

impl Printed for StatefulSet {
    fn columns() -> &'static [Column] {
        &[NAME, READY, AGE, CONTAINERS, IMAGES]
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.as_ref();
        let ready = self
            .status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0);
        let desired = spec.and_then(|s| s.replicas).unwrap_or(1);
        let [names, images] = layout(spec.map(|s| &s.template));
        vec![
            json!(name(self)),
            json!(format!("{ready}/{desired}")),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            names,
            images,
        ]
    }
}

impl Printed for DaemonSet {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::number("Desired", "The total number of nodes that should be running the daemon pod."),
            Column::number("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
            Column::number("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
            Column::number("Up-to-date", "The total number of nodes that are running updated daemon pod."),
            Column::number("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
            Column::text("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.as_ref();
        let status = self.status.clone().unwrap_or_default();
        let template = spec.map(|s| &s.template);
        let node_selector = template
            .and_then(|t| t.spec.as_ref())
            .and_then(|s| s.node_selector.as_ref());
        let [names, images] = layout(template);
        vec![
            json!(name(self)),
            json!(status.desired_number_scheduled),
            json!(status.current_number_scheduled),
            json!(status.number_ready),
            json!(status.updated_number_scheduled.unwrap_or(0)),
            json!(status.number_available.unwrap_or(0)),
            json!(format_labels(node_selector)),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            names,
            images,
            json!(format_selector(spec.map(|s| &s.selector))),
        ]
    }
}

impl Printed for ControllerRevision {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Controller", "Controller of the object"),
            Column::text(
                "Revision",
                "Revision indicates the revision of the state represented by Data.",
            ),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        // `statefulset.apps/web`, as upstream names the controller.
        let controller = self
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|r| r.controller == Some(true))
            .map_or("<none>".to_owned(), |r| {
                let group = r.api_version.rsplit_once('/').map_or("", |(g, _)| g);
                let kind = r.kind.to_lowercase();
                if group.is_empty() {
                    format!("{kind}/{}", r.name)
                } else {
                    format!("{kind}.{group}/{}", r.name)
                }
            });
        vec![
            json!(name(self)),
            json!(controller),
            json!(self.revision),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
        ]
    }
}
