//! A StatefulSet's pods by ordinal: their identity, creating the missing ones and
//! removing those at or beyond `replicas` (upstream's `processReplica` and its loop over
//! condemned pods). OrderedReady sets do one thing at a time and wait for every pod
//! before it to be Running and Ready; Parallel sets do everything at once.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Event, Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{delete_pod, is_healthy, revision_of, Revisions, COMPONENT};
use crate::controllers::replicaset::controller_ref;
use crate::controllers::revisions::{self, CONTROLLER_REVISION_LABEL};
use crate::controllers::Ctx;
use crate::pod_state;

/// The label with a pod's own name, for a Service per pod (upstream's
/// `StatefulSetPodNameLabel`).
const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// The label with a pod's ordinal (upstream's `PodIndexLabel`).
const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";

/// A set's pods split by ordinal.
pub(super) struct Replicas {
    /// `spec.replicas`: the ordinals the set keeps are `0..want`.
    pub want: usize,
    /// The pods of ordinals below `want`, by ordinal (a map, not a slot per ordinal, so
    /// a huge `replicas` costs nothing up front).
    pub slots: BTreeMap<usize, Arc<Pod>>,
    /// The pods of ordinals at or beyond `replicas`, highest ordinal first.
    pub condemned: Vec<Arc<Pod>>,
}

impl Replicas {
    /// Places the set's pods; pods whose names are not `<set>-<ordinal>` are left alone,
    /// as upstream leaves them.
    pub fn of(set: &StatefulSet, pods: Vec<Arc<Pod>>) -> Self {
        let want = set
            .spec
            .as_ref()
            .and_then(|s| s.replicas)
            .unwrap_or(1)
            .max(0) as usize;
        let mut slots = BTreeMap::new();
        let mut condemned = Vec::new();
        for pod in pods {
            match ordinal_of(set, &pod) {
                Some(i) if i < want => {
                    slots.insert(i, pod);
                }
                Some(i) => condemned.push((i, pod)),
                None => {}
            }
        }
        condemned.sort_by_key(|(i, _)| Reverse(*i));
        Replicas {
            want,
            slots,
            condemned: condemned.into_iter().map(|(_, pod)| pod).collect(),
        }
    }

    /// The revisions the pods run.
    pub fn revisions(&self) -> impl Iterator<Item = &str> {
        self.slots
            .values()
            .chain(&self.condemned)
            .map(|p| revision_of(p))
    }
}

/// The ordinal of a pod named `<set>-<ordinal>`.
pub(super) fn ordinal_of(set: &StatefulSet, pod: &Pod) -> Option<usize> {
    let set_name = set.metadata.name.as_deref()?;
    let rest = pod
        .metadata
        .name
        .as_deref()?
        .strip_prefix(set_name)?
        .strip_prefix('-')?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

/// Creates the missing pods and replaces failed ones, lowest ordinal first. Answers
/// whether the set may go on to scale down and update: an OrderedReady set stops at its
/// first change and at the first pod that is not Running and Ready.
pub(super) fn sync_replicas(
    ctx: &mut Ctx,
    set: &StatefulSet,
    replicas: &mut Replicas,
    revisions: &Revisions,
    parallel: bool,
) -> bool {
    for ordinal in 0..replicas.want {
        match replicas.slots.get(&ordinal).cloned() {
            None => {
                if let Some(pod) = create(ctx, set, ordinal, revisions) {
                    replicas.slots.insert(ordinal, pod);
                }
                if !parallel {
                    return false;
                }
            }
            // A pod that has finished is deleted so that its name comes back as a new
            // pod once it is gone.
            Some(pod)
                if !pod_state::is_terminating(&pod)
                    && matches!(pod_state::phase(&pod), "Failed" | "Succeeded") =>
            {
                delete_pod(ctx, set, &pod);
                if !parallel {
                    return false;
                }
            }
            Some(pod) if !is_healthy(&pod) && !parallel => return false,
            Some(_) => {}
        }
    }
    true
}

/// Deletes the pods at or beyond `replicas`, highest ordinal first: an OrderedReady set
/// one at a time, once the one before has gone. Answers whether the set may go on to
/// update.
pub(super) fn scale_down(
    ctx: &mut Ctx,
    set: &StatefulSet,
    replicas: &Replicas,
    parallel: bool,
) -> bool {
    // Upstream lets an ordered set delete an unhealthy condemned pod only if it is the
    // first unhealthy pod in ordinal order; the others wait for it.
    let first_unhealthy = replicas
        .slots
        .values()
        .chain(replicas.condemned.iter().rev())
        .find(|p| !is_healthy(p))
        .and_then(|p| p.metadata.uid.clone());
    for pod in &replicas.condemned {
        if pod_state::is_terminating(pod) {
            if parallel {
                continue;
            }
            return false;
        }
        if !parallel && !is_healthy(pod) && pod.metadata.uid != first_unhealthy {
            return false;
        }
        delete_pod(ctx, set, pod);
        if !parallel {
            return false;
        }
    }
    true
}

/// Creates the pod of `ordinal`. Below the partition of a RollingUpdate it keeps the
/// current revision; elsewhere it gets the update revision (upstream's
/// `newVersionedStatefulSetPod`).
fn create(
    ctx: &mut Ctx,
    set: &StatefulSet,
    ordinal: usize,
    revisions: &Revisions,
) -> Option<Arc<Pod>> {
    let spec = set.spec.as_ref()?;
    let strategy = spec.update_strategy.as_ref();
    let rolling = strategy
        .and_then(|s| s.type_.as_deref())
        .is_none_or(|t| t == "RollingUpdate");
    let partition = strategy
        .and_then(|s| s.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0)
        .max(0) as usize;
    let (revision, template) = if rolling && ordinal < partition {
        let template = revisions::template_of(&revisions.current);
        (
            revisions.current_name(),
            template.unwrap_or_else(|| spec.template.clone()),
        )
    } else {
        (revisions.update_name(), spec.template.clone())
    };
    let pod = new_pod(set, ordinal, template, revision);
    let name = pod.metadata.name.clone().unwrap_or_default();
    let set_name = set.metadata.name.as_deref().unwrap_or_default();
    match ctx.create(pod) {
        Ok(pod) => {
            let message = format!("create Pod {name} in StatefulSet {set_name} successful");
            ctx.record(set, false, "SuccessfulCreate", message, COMPONENT);
            Some(pod)
        }
        Err(e) => {
            let message = format!("create Pod {name} in StatefulSet {set_name} failed error: {e}");
            // The failure repeats every pass while, say, another pod holds the name: one
            // event says it, where a new one per pass would keep the engine busy.
            if !already_recorded(ctx, set, &message) {
                ctx.record(set, true, "FailedCreate", message, COMPONENT);
            }
            None
        }
    }
}

/// A pod of the set from `template`, with its stable identity: name, hostname, the
/// Service's subdomain and the labels upstream's `newStatefulSetPod` gives it.
fn new_pod(set: &StatefulSet, ordinal: usize, template: PodTemplateSpec, revision: &str) -> Pod {
    let set_name = set.metadata.name.as_deref().unwrap_or_default();
    let name = format!("{set_name}-{ordinal}");
    let template_meta = template.metadata.unwrap_or_default();
    let mut labels = template_meta.labels.unwrap_or_default();
    labels.insert(CONTROLLER_REVISION_LABEL.to_owned(), revision.to_owned());
    labels.insert(POD_NAME_LABEL.to_owned(), name.clone());
    labels.insert(POD_INDEX_LABEL.to_owned(), ordinal.to_string());
    let mut spec = template.spec.unwrap_or_default();
    spec.hostname = Some(name.clone());
    spec.subdomain = set
        .spec
        .as_ref()
        .and_then(|s| s.service_name.clone())
        .filter(|s| !s.is_empty());
    Pod {
        metadata: ObjectMeta {
            name: Some(name),
            namespace: set.metadata.namespace.clone(),
            labels: Some(labels),
            annotations: template_meta.annotations,
            owner_references: Some(vec![controller_ref(set)]),
            ..Default::default()
        },
        spec: Some(spec),
        status: None,
    }
}

/// Whether the set already has a (not yet expired) event with this message: among the
/// set's own events, read without unpacking them.
fn already_recorded(ctx: &Ctx, set: &StatefulSet, message: &str) -> bool {
    let namespace = set.metadata.namespace.as_deref().unwrap_or_default();
    let prefix = crate::events::name_prefix(set.metadata.name.as_deref().unwrap_or_default());
    let found = ctx
        .store
        .list_stored_prefixed::<Event>(namespace, &prefix)
        .map(|(_, e)| e.correlation_key())
        .any(|e| e.object_uid == set.metadata.uid.as_deref() && e.message == Some(message));
    found
}
