//! Replica scheduling over member clusters (SPEC §1.1): a Deployment or StatefulSet
//! annotated `berth.dev/replica-scheduling` has its pods spread over the member
//! clusters (a node's `berth.dev/cluster` label) by explicit counts or by weights.
//!
//! The scheduler finds the annotation by following the pod's controller references
//! (pod → ReplicaSet → Deployment, or pod → StatefulSet), so the pod template and its
//! hash stay as the user wrote them and an edited annotation counts from the next
//! pod on. What is split is the replica count of the pod's own controller: during a
//! rollout each ReplicaSet is spread on its own, so the sum per cluster holds.

use std::collections::{BTreeMap, HashMap};

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use rules::workload::{Scheduling, CLUSTER_LABEL, REPLICA_SCHEDULING};

use super::fit::NodeInfo;
use crate::pod_state;
use crate::store::Store;

/// How many of a controller's pods each member cluster should run.
type Split = Vec<(String, i64)>;

/// The desired split for the pods of one controller, and how many each cluster runs.
struct Owner {
    split: Split,
    running: BTreeMap<String, i64>,
}

/// What the scheduler knows about member clusters during one pass, per controller uid
/// (`None`: the controller asks for no replica scheduling).
#[derive(Default)]
pub(super) struct Placements {
    owners: HashMap<String, Option<Owner>>,
}

impl Placements {
    /// The member clusters the pod may go to, or `None` when its workload doesn't say.
    /// Clusters still short of their share come first; when none is, any with a share.
    pub fn clusters(
        &mut self,
        store: &Store,
        pod: &Pod,
        nodes: &[NodeInfo],
        index: &HashMap<String, usize>,
    ) -> Option<Vec<String>> {
        let owner = self.owner(store, pod, nodes, index)?;
        let short: Vec<String> = owner
            .split
            .iter()
            .filter(|(c, n)| owner.running.get(c).copied().unwrap_or(0) < *n)
            .map(|(c, _)| c.clone())
            .collect();
        if !short.is_empty() {
            return Some(short);
        }
        Some(
            owner
                .split
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(c, _)| c.clone())
                .collect(),
        )
    }

    /// Counts a pod just bound to `node`.
    pub fn bound(&mut self, pod: &Pod, node: &Node) {
        let Some(uid) = pod_state::controller_uid(&pod.metadata) else {
            return;
        };
        if let (Some(Some(owner)), Some(cluster)) = (self.owners.get_mut(uid), cluster_of(node)) {
            *owner.running.entry(cluster.to_owned()).or_default() += 1;
        }
    }

    fn owner(
        &mut self,
        store: &Store,
        pod: &Pod,
        nodes: &[NodeInfo],
        index: &HashMap<String, usize>,
    ) -> Option<&Owner> {
        let reference = controller_ref(&pod.metadata)?;
        if !self.owners.contains_key(&reference.uid) {
            let namespace = pod.metadata.namespace.as_deref().unwrap_or_default();
            let owner = desired(store, namespace, reference).map(|split| {
                let mut running = BTreeMap::new();
                // The controller's bound, unfinished pods, from the owner index.
                for p in store.owned_by::<Pod>(&reference.uid) {
                    let mine = pod_state::controller_uid(&p.metadata) == Some(&reference.uid);
                    let node = super::counted(p, index).map(|i| &nodes[i].node);
                    if let (true, true, Some(node)) = (mine, pod_state::is_active(p), node) {
                        if let Some(cluster) = cluster_of(node) {
                            *running.entry(cluster.to_owned()).or_default() += 1;
                        }
                    }
                }
                Owner { split, running }
            });
            self.owners.insert(reference.uid.clone(), owner);
        }
        self.owners.get(&reference.uid)?.as_ref()
    }
}

/// A node's member cluster.
pub(super) fn cluster_of(node: &Node) -> Option<&str> {
    node.metadata
        .labels
        .as_ref()?
        .get(CLUSTER_LABEL)
        .map(String::as_str)
}

fn controller_ref(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .as_ref()?
        .iter()
        .find(|o| o.controller == Some(true))
}

/// The split of the replicas of the pod's controller `reference`, if its workload is
/// annotated.
fn desired(store: &Store, namespace: &str, reference: &OwnerReference) -> Option<Split> {
    let same = |meta: &ObjectMeta| meta.uid.as_deref() == Some(reference.uid.as_str());
    let (annotations, replicas) = match reference.kind.as_str() {
        "ReplicaSet" => {
            let rs = store
                .get::<ReplicaSet>(namespace, &reference.name)
                .filter(|rs| same(&rs.metadata))?;
            let up = controller_ref(&rs.metadata).filter(|o| o.kind == "Deployment")?;
            let d = store
                .get::<Deployment>(namespace, &up.name)
                .filter(|d| d.metadata.uid.as_deref() == Some(up.uid.as_str()))?;
            let replicas = rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            (d.metadata.annotations.clone(), replicas)
        }
        "StatefulSet" => {
            let sts = store
                .get::<StatefulSet>(namespace, &reference.name)
                .filter(|s| same(&s.metadata))?;
            let replicas = sts.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            (sts.metadata.annotations.clone(), replicas)
        }
        _ => return None,
    };
    let text = annotations?.remove(REPLICA_SCHEDULING)?;
    // Admission has checked the annotation; one that doesn't read places nothing.
    Some(Scheduling::read(&text)?.planned(i64::from(replicas)))
}

/// The pods a ReplicaSet deletes to go down by `excess`, from `ranked` (its active pods
/// in upstream's deletion order): when its Deployment places replicas over member
/// clusters, pods of clusters above their planned share for the new count go first,
/// so each cluster keeps its share; unscheduled pods count as above it.
pub(crate) fn scale_down_victims(
    store: &Store,
    rs: &ReplicaSet,
    ranked: &[std::sync::Arc<Pod>],
    excess: usize,
) -> Vec<std::sync::Arc<Pod>> {
    let reference = OwnerReference {
        kind: "ReplicaSet".to_owned(),
        name: rs.metadata.name.clone().unwrap_or_default(),
        uid: rs.metadata.uid.clone().unwrap_or_default(),
        ..Default::default()
    };
    let namespace = rs.metadata.namespace.as_deref().unwrap_or_default();
    let Some(split) = desired(store, namespace, &reference) else {
        return ranked.iter().take(excess).cloned().collect();
    };
    let cluster = |pod: &Pod| -> Option<String> {
        let node = pod.spec.as_ref()?.node_name.as_deref()?;
        let node = store.get::<Node>("", node)?;
        cluster_of(&node).map(str::to_owned)
    };
    let clusters: Vec<Option<String>> = ranked.iter().map(|p| cluster(p)).collect();
    let mut running: BTreeMap<String, i64> = BTreeMap::new();
    for c in clusters.iter().flatten() {
        *running.entry(c.clone()).or_default() += 1;
    }
    let share = |c: &str| split.iter().find(|(s, _)| s == c).map_or(0, |(_, n)| *n);
    let mut chosen = vec![false; ranked.len()];
    let mut left = excess;
    for (i, c) in clusters.iter().enumerate() {
        if left == 0 {
            break;
        }
        let over = match c {
            None => true,
            Some(c) => running.get(c).copied().unwrap_or(0) > share(c),
        };
        if over {
            if let Some(c) = c {
                *running.entry(c.clone()).or_default() -= 1;
            }
            chosen[i] = true;
            left -= 1;
        }
    }
    // Shares that add up to less than the replicas leave the rest in rank order.
    for flag in chosen.iter_mut().filter(|f| !**f) {
        if left == 0 {
            break;
        }
        *flag = true;
        left -= 1;
    }
    ranked
        .iter()
        .zip(chosen)
        .filter(|(_, c)| *c)
        .map(|(p, _)| std::sync::Arc::clone(p))
        .collect()
}
