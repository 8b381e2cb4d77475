//! A virtual-time cluster for the engine's scenario tests.
#![allow(dead_code)] // each test file uses its own part of it

use std::sync::Arc;

use engine::clock::VirtualClock;
use engine::k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use engine::k8s_openapi::api::core::v1::{Event, Node, Pod};
use engine::k8s_openapi::jiff::SignedDuration;
use engine::{demo, pod_state, Engine};

/// An engine on a virtual clock, with the demo cluster's nodes and namespace.
pub struct Cluster {
    pub engine: Engine,
    pub clock: Arc<VirtualClock>,
}

impl Cluster {
    /// Three nodes and the `default` namespace; no workloads.
    pub fn new() -> Self {
        let clock = Arc::new(VirtualClock::default());
        let mut engine = Engine::new(clock.clone(), 42);
        for (i, name) in ["node-1", "node-2", "node-3"].iter().enumerate() {
            engine.add_node(name, i as u8 + 1, 8, 32).expect("node");
        }
        engine
            .create(demo::namespace("default"))
            .expect("namespace");
        Cluster { engine, clock }
    }

    /// [`Cluster::new`]'s nodes labelled as the demo's: their hostname, and the member
    /// cluster `east` (node-1, node-2) or `west` (node-3).
    pub fn with_member_clusters() -> Self {
        let mut c = Cluster::new();
        for (name, cluster) in [("node-1", "east"), ("node-2", "east"), ("node-3", "west")] {
            c.edit_node(name, |n| {
                n.metadata.labels = Some(
                    [
                        ("kubernetes.io/hostname", name),
                        ("berth.dev/cluster", cluster),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                );
            });
        }
        c
    }

    /// Changes node `name` through the engine.
    pub fn edit_node(&mut self, name: &str, change: impl FnOnce(&mut Node)) {
        let mut node = (*self.engine.store().get::<Node>("", name).expect("node")).clone();
        change(&mut node);
        self.engine.update(node).expect("update node");
    }

    /// The `default` namespace and no nodes: pods stay Pending.
    pub fn without_nodes() -> Self {
        let clock = Arc::new(VirtualClock::default());
        let mut engine = Engine::new(clock.clone(), 42);
        engine
            .create(demo::namespace("default"))
            .expect("namespace");
        Cluster { engine, clock }
    }

    /// The Deployment `name` in `default`, to edit and update.
    pub fn deployment(&self, name: &str) -> Deployment {
        (*self
            .engine
            .store()
            .get::<Deployment>("default", name)
            .expect("deployment"))
        .clone()
    }

    /// The images of the active pods of `default`, sorted.
    pub fn images(&self) -> Vec<String> {
        let mut images: Vec<String> = self
            .pods()
            .iter()
            .filter(|p| pod_state::is_active(p))
            .filter_map(|p| p.spec.as_ref()?.containers[0].image.clone())
            .collect();
        images.sort();
        images
    }

    /// Lets `millis` of virtual time pass, firing every timer on the way.
    pub fn run_for(&mut self, millis: i64) {
        self.clock.advance(SignedDuration::from_millis(millis));
        self.engine.tick();
    }

    /// The pods of namespace `default`.
    pub fn pods(&self) -> Vec<Arc<Pod>> {
        self.engine
            .store()
            .list::<Pod>(Some("default"))
            .cloned()
            .collect()
    }

    /// The events of namespace `default` about objects of `kind`, oldest first.
    pub fn events_about(&self, kind: &str) -> Vec<Arc<Event>> {
        let mut events: Vec<_> = self
            .engine
            .store()
            .list_unpacked::<Event>(Some("default"))
            .filter(|e| e.involved_object.kind.as_deref() == Some(kind))
            .collect();
        events.sort_by_key(|e| {
            e.metadata
                .resource_version
                .as_deref()
                .and_then(|v| v.parse::<u64>().ok())
        });
        events
    }

    /// The ReplicaSets of namespace `default`, oldest first.
    pub fn replica_sets(&self) -> Vec<Arc<ReplicaSet>> {
        let mut sets: Vec<_> = self
            .engine
            .store()
            .list::<ReplicaSet>(Some("default"))
            .cloned()
            .collect();
        sets.sort_by_key(|rs| rs.metadata.creation_timestamp.clone());
        sets
    }

    /// Each ReplicaSet's `spec.replicas`, oldest first.
    pub fn set_sizes(&self) -> Vec<i32> {
        self.replica_sets()
            .iter()
            .map(|rs| rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0))
            .collect()
    }

    /// Sets the Deployment `name`'s image (of its first container).
    pub fn set_image(&mut self, name: &str, image: &str) {
        let mut d = self.deployment(name);
        first_container(&mut d).image = Some(image.to_owned());
        self.engine.update(d).expect("new image");
    }

    /// Names of the Running, Ready pods not being deleted.
    pub fn ready_pods(&self) -> Vec<String> {
        self.pods()
            .iter()
            .filter(|p| pod_state::is_ready(p) && pod_state::is_active(p))
            .filter_map(|p| p.metadata.name.clone())
            .collect()
    }
}

/// The first container of a Deployment's pod template, to edit.
pub fn first_container(d: &mut Deployment) -> &mut engine::k8s_openapi::api::core::v1::Container {
    let pod = d
        .spec
        .as_mut()
        .expect("spec")
        .template
        .spec
        .as_mut()
        .expect("pod spec");
    &mut pod.containers[0]
}
