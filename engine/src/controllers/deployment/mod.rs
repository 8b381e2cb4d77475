//! The Deployment controller: one ReplicaSet per pod template, rolled out by the
//! Deployment's strategy (`rolling.rs`, `recreate.rs`), with status and conditions
//! (`progress.rs`), as upstream's `pkg/controller/deployment`.

mod progress;
mod recreate;
mod rolling;

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::replicaset::controller_ref;
use super::Ctx;
use crate::naming;
use crate::pod_state::controller_uid;

const COMPONENT: &str = "deployment-controller";
/// The label that ties a ReplicaSet and its pods to one template.
pub const TEMPLATE_HASH_LABEL: &str = "pod-template-hash";
/// The annotation holding a ReplicaSet's (and its Deployment's) revision.
pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

/// A Deployment's ReplicaSets, split as the rollout sees them.
pub(crate) struct Sets {
    /// The ReplicaSet of the current template, if it exists yet.
    pub new: Option<Arc<ReplicaSet>>,
    /// Every other ReplicaSet, oldest first.
    pub old: Vec<Arc<ReplicaSet>>,
}

impl Sets {
    fn all(&self) -> impl Iterator<Item = &Arc<ReplicaSet>> {
        self.new.iter().chain(self.old.iter())
    }
}

/// One pass over every Deployment.
pub(crate) fn sync_all(ctx: &mut Ctx) {
    let deployments: Vec<Arc<Deployment>> = ctx.store.list::<Deployment>(None).cloned().collect();
    for d in deployments {
        if d.metadata.deletion_timestamp.is_none() {
            sync(ctx, &d);
        }
    }
}

fn sync(ctx: &mut Ctx, d: &Deployment) {
    let hash = template_hash(d);
    let mut sets = sets_of(ctx, d, &hash);
    let paused = d.spec.as_ref().and_then(|s| s.paused).unwrap_or(false);
    if sets.new.is_none() && !paused {
        sets.new = create_new_set(ctx, d, &hash, &sets.old);
    }
    if !paused {
        let recreate = d
            .spec
            .as_ref()
            .and_then(|s| s.strategy.as_ref())
            .and_then(|s| s.type_.as_deref())
            == Some("Recreate");
        if recreate {
            recreate::rollout(ctx, d, &sets);
        } else {
            rolling::rollout(ctx, d, &sets);
        }
    }
    let sets = sets_of(ctx, d, &hash);
    progress::sync_status(ctx, d, &sets);
}

/// The pod-template-hash of the Deployment's template (upstream's `ComputeHash`: FNV-32a
/// of the template, encoded with `SafeEncodeString`).
pub(crate) fn template_hash(d: &Deployment) -> String {
    let template = d.spec.as_ref().map(|s| &s.template);
    let bytes = serde_json::to_vec(&template).unwrap_or_default();
    naming::safe_encode(naming::fnv32a(&bytes))
}

fn sets_of(ctx: &Ctx, d: &Deployment, hash: &str) -> Sets {
    let uid = d.metadata.uid.as_deref().unwrap_or_default();
    let mut new = None;
    let mut old = Vec::new();
    for rs in ctx
        .store
        .list::<ReplicaSet>(d.metadata.namespace.as_deref())
    {
        if controller_uid(&rs.metadata) != Some(uid) {
            continue;
        }
        let rs_hash = rs
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(TEMPLATE_HASH_LABEL));
        if rs_hash.map(String::as_str) == Some(hash) {
            new = Some(Arc::clone(rs));
        } else {
            old.push(Arc::clone(rs));
        }
    }
    old.sort_by(|a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
    });
    Sets { new, old }
}

/// The revision number a ReplicaSet carries.
pub(crate) fn revision(rs: &ReplicaSet) -> i64 {
    rs.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(REVISION_ANNOTATION))
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

fn create_new_set(
    ctx: &mut Ctx,
    d: &Deployment,
    hash: &str,
    old: &[Arc<ReplicaSet>],
) -> Option<Arc<ReplicaSet>> {
    let spec = d.spec.as_ref()?;
    let name = format!("{}-{hash}", d.metadata.name.as_deref().unwrap_or_default());
    let with_hash = |labels: Option<BTreeMap<String, String>>| {
        let mut labels = labels.unwrap_or_default();
        labels.insert(TEMPLATE_HASH_LABEL.to_owned(), hash.to_owned());
        Some(labels)
    };
    let mut template: PodTemplateSpec = spec.template.clone();
    let mut template_meta = template.metadata.unwrap_or_default();
    template_meta.labels = with_hash(template_meta.labels);
    template.metadata = Some(template_meta.clone());
    let mut selector = spec.selector.clone();
    selector.match_labels = with_hash(selector.match_labels);
    let next_revision = old.iter().map(|rs| revision(rs)).max().unwrap_or(0) + 1;
    let rs = ReplicaSet {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            namespace: d.metadata.namespace.clone(),
            labels: template_meta.labels.clone(),
            annotations: Some(BTreeMap::from([(
                REVISION_ANNOTATION.to_owned(),
                next_revision.to_string(),
            )])),
            owner_references: Some(vec![controller_ref(d)]),
            ..Default::default()
        },
        spec: Some(ReplicaSetSpec {
            replicas: Some(0),
            min_ready_seconds: spec.min_ready_seconds,
            selector,
            template: Some(template),
        }),
        status: None,
    };
    match ctx.store.create(rs, ctx.now) {
        Ok(rs) => Some(rs),
        Err(e) => {
            ctx.record(
                d,
                true,
                "FailedCreate",
                format!("Failed to create new replica set \"{name}\": {e}"),
                COMPONENT,
            );
            None
        }
    }
}

/// Sets a ReplicaSet's replicas, with upstream's ScalingReplicaSet event on the Deployment.
pub(crate) fn scale(ctx: &mut Ctx, d: &Deployment, rs: &ReplicaSet, replicas: i32) {
    let before = rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0);
    if before == replicas {
        return;
    }
    let mut scaled = rs.clone();
    scaled.metadata.resource_version = None;
    if let Some(spec) = scaled.spec.as_mut() {
        spec.replicas = Some(replicas);
    }
    if ctx.store.update(scaled).is_ok() {
        let direction = if replicas > before { "up" } else { "down" };
        let name = rs.metadata.name.as_deref().unwrap_or_default();
        let message = format!("Scaled {direction} replica set {name} from {before} to {replicas}");
        ctx.record(d, false, "ScalingReplicaSet", message, COMPONENT);
    }
}

/// A ReplicaSet's desired replicas.
pub(crate) fn replicas_of(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
}

/// A ReplicaSet's available replicas.
pub(crate) fn available_of(rs: &ReplicaSet) -> i32 {
    rs.status
        .as_ref()
        .and_then(|s| s.available_replicas)
        .unwrap_or(0)
}

/// A Deployment's desired replicas.
pub(crate) fn desired(d: &Deployment) -> i32 {
    d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}
