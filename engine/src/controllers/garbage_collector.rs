//! The garbage collector, as upstream's: objects whose owners are all gone are deleted
//! (background cascading deletion); an owner deleted in the foreground has its
//! dependents deleted and goes once those that block it (`blockOwnerDeletion`) are
//! gone; an owner deleted with orphaning has the references to it removed from its
//! dependents first. Old events expire here too.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{ConfigMap, Endpoints, Event, Pod, Secret, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{DeleteOptions, ObjectMeta};
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::queue::Queue;
use super::Ctx;
use crate::delete::{
    delete, delete_with, Deletable, Propagation, FOREGROUND_FINALIZER, ORPHAN_FINALIZER,
};
use crate::store::{key_of, EventType, Object, ObjectKey, Store};

/// What the collector remembers between passes.
#[derive(Default)]
pub(crate) struct Collector {
    queue: Queue,
    /// No event is older than this (a lower bound), so expiry has nothing to do
    /// before it is an hour old; `None` before the first look.
    oldest_event: Option<Option<Timestamp>>,
    /// When the timer for the next expiry is set.
    expiry_due: Option<Timestamp>,
    /// The objects being deleted, by kind: what [`finalize`] looks at in a pass (its
    /// work queue), kept from the changes rather than found by a scan of every object.
    deleting: HashMap<&'static str, BTreeSet<ObjectKey>>,
}

impl Collector {
    /// The resourceVersion up to which the collector has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        self.queue.seen()
    }
}

pub(crate) fn sync_all(ctx: &mut Ctx, collector: &mut Collector) {
    let since = collector.queue.begin(ctx.store);
    // The graph is read only when something is being deleted: most passes have nothing.
    let mut graph = None;
    let deleting = &mut collector.deleting;
    finalize::<Deployment>(ctx, deleting, since, &mut graph);
    finalize::<ReplicaSet>(ctx, deleting, since, &mut graph);
    finalize::<StatefulSet>(ctx, deleting, since, &mut graph);
    finalize::<DaemonSet>(ctx, deleting, since, &mut graph);
    finalize::<CronJob>(ctx, deleting, since, &mut graph);
    finalize::<Job>(ctx, deleting, since, &mut graph);
    finalize::<ControllerRevision>(ctx, deleting, since, &mut graph);
    finalize::<Service>(ctx, deleting, since, &mut graph);
    finalize::<Endpoints>(ctx, deleting, since, &mut graph);
    finalize::<ConfigMap>(ctx, deleting, since, &mut graph);
    finalize::<Secret>(ctx, deleting, since, &mut graph);

    // Only a dependent that changed, or whose owner went, can have become an orphan.
    let mut candidates = Candidates::default();
    match since {
        None => {
            candidates.all::<ReplicaSet>(ctx.store);
            candidates.all::<Job>(ctx.store);
            candidates.all::<ControllerRevision>(ctx.store);
            candidates.all::<Pod>(ctx.store);
        }
        Some(since) => {
            candidates.changed::<ReplicaSet>(ctx.store, since);
            candidates.changed::<Job>(ctx.store, since);
            candidates.changed::<ControllerRevision>(ctx.store, since);
            candidates.changed::<Pod>(ctx.store, since);
            candidates.owner_gone::<Deployment>(ctx.store, since);
            candidates.owner_gone::<ReplicaSet>(ctx.store, since);
            candidates.owner_gone::<StatefulSet>(ctx.store, since);
            candidates.owner_gone::<DaemonSet>(ctx.store, since);
            candidates.owner_gone::<CronJob>(ctx.store, since);
            candidates.owner_gone::<Job>(ctx.store, since);
        }
    }
    collect_orphans::<ReplicaSet>(ctx, &candidates.replica_sets);
    collect_orphans::<Job>(ctx, &candidates.jobs);
    collect_orphans::<ControllerRevision>(ctx, &candidates.revisions);
    collect_orphans::<Pod>(ctx, &candidates.pods);
    expire_events(ctx, collector, since);
}

/// Drops expired events, looking at them only once the oldest may have expired. The
/// events written since the last pass are read from the watch history (controllers'
/// recent changes keep no Events); when it no longer reaches back, every event is.
fn expire_events(ctx: &mut Ctx, collector: &mut Collector, since: Option<u64>) {
    let stamp = |e: &Event| e.last_timestamp.as_ref().map(|t| t.0);
    let written = since.and_then(|since| ctx.store.changes_since::<Event>(since).ok());
    let known = match (collector.oldest_event, written) {
        (Some(oldest), Some(written)) => Some(
            written
                .filter(|c| c.kind != EventType::Deleted)
                .filter_map(|c| stamp(&c.object))
                .fold(oldest, |o, t| Some(o.map_or(t, |o| o.min(t)))),
        ),
        _ => None,
    };
    let cutoff = ctx.now - crate::events::EVENT_TTL;
    let oldest = match known {
        Some(oldest) if oldest.is_none_or(|t| t >= cutoff) => oldest,
        _ => crate::events::expire(ctx.store, ctx.now),
    };
    collector.oldest_event = Some(oldest);
    // The TTL runs out whether or not anything else happens (upstream's etcd lease).
    if let Some(due) = oldest.map(|t| t + crate::events::EVENT_TTL + SignedDuration::from_secs(1)) {
        if collector.expiry_due != Some(due) {
            ctx.wake_at(due);
            collector.expiry_due = Some(due);
        }
    }
}

/// The dependents to check for lost owners, by kind, in key order.
#[derive(Default)]
struct Candidates {
    replica_sets: BTreeSet<ObjectKey>,
    jobs: BTreeSet<ObjectKey>,
    revisions: BTreeSet<ObjectKey>,
    pods: BTreeSet<ObjectKey>,
}

impl Candidates {
    fn of<K: Object>(&mut self) -> Option<&mut BTreeSet<ObjectKey>> {
        match K::KIND {
            "ReplicaSet" => Some(&mut self.replica_sets),
            "Job" => Some(&mut self.jobs),
            "ControllerRevision" => Some(&mut self.revisions),
            "Pod" => Some(&mut self.pods),
            _ => None,
        }
    }

    fn all<K: Object<Form = Arc<K>>>(&mut self, store: &Store) {
        let keys: Vec<ObjectKey> = store.list::<K>(None).map(|o| key_of(&**o)).collect();
        self.of::<K>()
            .into_iter()
            .for_each(|set| set.extend(keys.iter().cloned()));
    }

    fn changed<K: Object>(&mut self, store: &Store, since: u64) {
        let keys: Vec<ObjectKey> = store
            .recent_changes::<K>(since)
            .iter()
            // Upstream's graph builder looks again at a dependent only when it is added
            // or its owner references change (`referencesDiffs`); a status write can't
            // orphan anything.
            .filter(|c| match (c.kind, &c.previous) {
                (EventType::Deleted, _) => false,
                (EventType::Modified, Some(before)) => {
                    before.metadata().owner_references != c.object.metadata().owner_references
                }
                _ => true,
            })
            .map(|c| key_of(&*c.object))
            .collect();
        self.of::<K>()
            .into_iter()
            .for_each(|set| set.extend(keys.iter().cloned()));
    }

    /// The dependents of the owners of kind `K` removed after `since`.
    fn owner_gone<K: Object>(&mut self, store: &Store, since: u64) {
        for change in store.recent_changes::<K>(since) {
            if change.kind != EventType::Deleted {
                continue;
            }
            let Some(uid) = change.object.metadata().uid.as_deref() else {
                continue;
            };
            let rs: Vec<_> = store
                .owned_by::<ReplicaSet>(uid)
                .map(|o| key_of(&**o))
                .collect();
            let revs: Vec<_> = store
                .owned_by::<ControllerRevision>(uid)
                .map(|o| key_of(&**o))
                .collect();
            let jobs: Vec<_> = store.owned_by::<Job>(uid).map(|o| key_of(&**o)).collect();
            let pods: Vec<_> = store.owned_by::<Pod>(uid).map(|o| key_of(&**o)).collect();
            self.replica_sets.extend(rs);
            self.jobs.extend(jobs);
            self.revisions.extend(revs);
            self.pods.extend(pods);
        }
    }
}

/// The kinds that have owners here.
#[derive(Debug, Clone, Copy)]
enum Kind {
    ReplicaSet,
    Job,
    ControllerRevision,
    Pod,
}

/// One object with an owner reference.
struct Dependent {
    kind: Kind,
    namespace: String,
    name: String,
    uid: String,
    /// Its reference has `blockOwnerDeletion: true`: a foreground delete waits for it.
    blocking: bool,
    deleting: bool,
}

/// Upstream's dependency graph, read afresh each pass: dependents by owner uid.
struct Graph(HashMap<String, Vec<Dependent>>);

impl Graph {
    fn read(store: &Store) -> Self {
        let mut graph = Graph(HashMap::new());
        graph.add::<ReplicaSet>(store, Kind::ReplicaSet);
        graph.add::<Job>(store, Kind::Job);
        graph.add::<ControllerRevision>(store, Kind::ControllerRevision);
        graph.add::<Pod>(store, Kind::Pod);
        graph
    }

    fn add<K: Object<Form = Arc<K>>>(&mut self, store: &Store, kind: Kind) {
        for obj in store.list::<K>(None) {
            let meta = obj.metadata();
            for reference in meta.owner_references.iter().flatten() {
                let (namespace, name) = key_of(&**obj);
                self.0
                    .entry(reference.uid.clone())
                    .or_default()
                    .push(Dependent {
                        kind,
                        namespace,
                        name,
                        uid: meta.uid.clone().unwrap_or_default(),
                        blocking: reference.block_owner_deletion == Some(true),
                        deleting: meta.deletion_timestamp.is_some(),
                    });
            }
        }
    }

    fn dependents(&self, uid: &str) -> &[Dependent] {
        self.0.get(uid).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Works on the objects of a kind being deleted: foreground and orphan finalizers are
/// carried out, and an object left with no finalizer is removed. Those being deleted
/// are known from the changes since `since` (every object on the first pass): an
/// object stays on the list until it is gone or no longer being deleted.
fn finalize<K: Deletable>(
    ctx: &mut Ctx,
    queue: &mut HashMap<&'static str, BTreeSet<ObjectKey>>,
    since: Option<u64>,
    graph: &mut Option<Graph>,
) {
    let going = |o: &K| o.metadata().deletion_timestamp.is_some();
    let keys = queue.entry(K::KIND).or_default();
    match since {
        None => keys.extend(
            ctx.store
                .list_unpacked::<K>(None)
                .filter(|o| going(o))
                .map(|o| key_of(&*o)),
        ),
        Some(since) => keys.extend(
            ctx.store
                .recent_changes::<K>(since)
                .iter()
                .filter(|c| c.kind != EventType::Deleted && going(&c.object))
                .map(|c| key_of(&*c.object)),
        ),
    }
    if keys.is_empty() {
        return;
    }
    let deleting: Vec<_> = keys
        .iter()
        .filter_map(|(ns, name)| ctx.store.get::<K>(ns, name))
        .filter(|o| going(o))
        .collect();
    *keys = deleting.iter().map(|o| key_of(&**o)).collect();
    if deleting.is_empty() {
        return;
    }
    let graph = graph.get_or_insert_with(|| Graph::read(ctx.store));
    for obj in deleting {
        let meta = obj.metadata();
        let uid = meta.uid.clone().unwrap_or_default();
        let mut finalizers = meta.finalizers.clone().unwrap_or_default();
        let dependents = graph.dependents(&uid);
        if finalizers.iter().any(|f| f == ORPHAN_FINALIZER) {
            for d in dependents {
                d.kind.disown(ctx, d, &uid);
            }
            finalizers.retain(|f| f != ORPHAN_FINALIZER);
        }
        if finalizers.iter().any(|f| f == FOREGROUND_FINALIZER) {
            for d in dependents.iter().filter(|d| !d.deleting) {
                // A dependent that owns others goes in the foreground too, so the
                // chain unwinds from the bottom (upstream's `attemptToDeleteItem`).
                let policy = if graph.dependents(&d.uid).is_empty() {
                    Propagation::Background
                } else {
                    Propagation::Foreground
                };
                d.kind.delete(ctx, d, policy);
            }
            if !dependents.iter().any(|d| d.blocking) {
                finalizers.retain(|f| f != FOREGROUND_FINALIZER);
            }
        }
        let (ns, name) = key_of(&*obj);
        if finalizers.is_empty() {
            let _ = ctx.store.remove::<K>(&ns, &name);
        } else if Some(&finalizers) != meta.finalizers.as_ref() {
            let mut kept = (*obj).clone();
            kept.metadata_mut().finalizers = Some(finalizers);
            kept.metadata_mut().resource_version = None;
            if let Err(e) = ctx.store.update(kept) {
                tracing::warn!("finalizing {ns}/{name}: {e}");
            }
        }
    }
}

impl Kind {
    /// Deletes a dependent with `policy`.
    fn delete(self, ctx: &mut Ctx, d: &Dependent, policy: Propagation) {
        let options = DeleteOptions {
            propagation_policy: Some(policy.name().to_owned()),
            ..Default::default()
        };
        let (ns, name, now) = (&d.namespace, &d.name, ctx.now);
        let result = match self {
            Kind::ReplicaSet => {
                delete_with::<ReplicaSet>(ctx.store, now, ns, name, &options).map(drop)
            }
            Kind::Job => delete_with::<Job>(ctx.store, now, ns, name, &options).map(drop),
            Kind::ControllerRevision => {
                delete_with::<ControllerRevision>(ctx.store, now, ns, name, &options).map(drop)
            }
            Kind::Pod => delete_with::<Pod>(ctx.store, now, ns, name, &options).map(drop),
        };
        if let Err(e) = result {
            tracing::warn!("deleting dependent {ns}/{name}: {e}");
        }
    }

    /// Removes a dependent's references to the owner `uid`.
    fn disown(self, ctx: &mut Ctx, d: &Dependent, uid: &str) {
        match self {
            Kind::ReplicaSet => disown::<ReplicaSet>(ctx.store, d, uid),
            Kind::Job => disown::<Job>(ctx.store, d, uid),
            Kind::ControllerRevision => disown::<ControllerRevision>(ctx.store, d, uid),
            Kind::Pod => disown::<Pod>(ctx.store, d, uid),
        }
    }
}

fn disown<K: Object>(store: &mut Store, d: &Dependent, uid: &str) {
    let Some(current) = store.get::<K>(&d.namespace, &d.name) else {
        return;
    };
    let mut obj = (*current).clone();
    let meta = obj.metadata_mut();
    if let Some(refs) = meta.owner_references.as_mut() {
        refs.retain(|r| r.uid != uid);
        if refs.is_empty() {
            meta.owner_references = None;
        }
    }
    meta.resource_version = None;
    if let Err(e) = store.update(obj) {
        tracing::warn!("orphaning {}/{}: {e}", d.namespace, d.name);
    }
}

/// Whether an object of one of the kinds that own others has `uid`.
fn owner_exists(store: &Store, uid: &str) -> bool {
    store.get_by_uid::<Deployment>(uid).is_some()
        || store.get_by_uid::<ReplicaSet>(uid).is_some()
        || store.get_by_uid::<StatefulSet>(uid).is_some()
        || store.get_by_uid::<DaemonSet>(uid).is_some()
        || store.get_by_uid::<Job>(uid).is_some()
        || store.get_by_uid::<CronJob>(uid).is_some()
}

fn orphaned(store: &Store, meta: &ObjectMeta) -> bool {
    meta.owner_references
        .as_ref()
        .is_some_and(|refs| !refs.is_empty() && refs.iter().all(|r| !owner_exists(store, &r.uid)))
}

fn collect_orphans<K: Deletable>(ctx: &mut Ctx, candidates: &BTreeSet<ObjectKey>) {
    let orphans: Vec<ObjectKey> = candidates
        .iter()
        .filter(|(ns, name)| {
            ctx.store.get::<K>(ns, name).is_some_and(|o| {
                o.metadata().deletion_timestamp.is_none() && orphaned(ctx.store, o.metadata())
            })
        })
        .cloned()
        .collect();
    for (ns, name) in orphans {
        let _ = delete::<K>(ctx.store, ctx.now, &ns, &name, None);
    }
}
