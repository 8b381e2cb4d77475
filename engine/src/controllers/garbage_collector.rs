//! The garbage collector, as upstream's: objects whose owners are all gone are deleted
//! (background cascading deletion); an owner deleted in the foreground has its
//! dependents deleted and goes once those that block it (`blockOwnerDeletion`) are
//! gone; an owner deleted with orphaning has the references to it removed from its
//! dependents first. Old events expire here too.

use std::collections::{HashMap, HashSet};

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::core::v1::{ConfigMap, Endpoints, Pod, Secret, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{DeleteOptions, ObjectMeta};

use super::Ctx;
use crate::delete::{
    delete, delete_with, Deletable, Propagation, FOREGROUND_FINALIZER, ORPHAN_FINALIZER,
};
use crate::store::{key_of, Object, Store};

pub(crate) fn sync_all(ctx: &mut Ctx) {
    // The graph is read only when something is being deleted: most passes have nothing.
    let mut graph = None;
    finalize::<Deployment>(ctx, &mut graph);
    finalize::<ReplicaSet>(ctx, &mut graph);
    finalize::<StatefulSet>(ctx, &mut graph);
    finalize::<DaemonSet>(ctx, &mut graph);
    finalize::<ControllerRevision>(ctx, &mut graph);
    finalize::<Service>(ctx, &mut graph);
    finalize::<Endpoints>(ctx, &mut graph);
    finalize::<ConfigMap>(ctx, &mut graph);
    finalize::<Secret>(ctx, &mut graph);

    let mut owners: HashSet<String> = HashSet::new();
    add_uids::<Deployment>(ctx, &mut owners);
    add_uids::<ReplicaSet>(ctx, &mut owners);
    add_uids::<StatefulSet>(ctx, &mut owners);
    add_uids::<DaemonSet>(ctx, &mut owners);
    collect_orphans::<ReplicaSet>(ctx, &owners);
    collect_orphans::<ControllerRevision>(ctx, &owners);
    collect_orphans::<Pod>(ctx, &owners);
    crate::events::expire(ctx.store, ctx.now);
}

/// The kinds that have owners here.
#[derive(Debug, Clone, Copy)]
enum Kind {
    ReplicaSet,
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
        graph.add::<ControllerRevision>(store, Kind::ControllerRevision);
        graph.add::<Pod>(store, Kind::Pod);
        graph
    }

    fn add<K: Object>(&mut self, store: &Store, kind: Kind) {
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
/// carried out, and an object left with no finalizer is removed.
fn finalize<K: Deletable>(ctx: &mut Ctx, graph: &mut Option<Graph>) {
    let deleting: Vec<_> = ctx
        .store
        .list::<K>(None)
        .filter(|o| o.metadata().deletion_timestamp.is_some())
        .cloned()
        .collect();
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

/// Adds the uids of every object of a kind that owns others.
fn add_uids<K: Object>(ctx: &Ctx, owners: &mut HashSet<String>) {
    owners.extend(
        ctx.store
            .list::<K>(None)
            .filter_map(|o| o.metadata().uid.clone()),
    );
}

fn orphaned(meta: &ObjectMeta, owners: &HashSet<String>) -> bool {
    meta.owner_references
        .as_ref()
        .is_some_and(|refs| !refs.is_empty() && refs.iter().all(|r| !owners.contains(&r.uid)))
}

fn collect_orphans<K: Deletable>(ctx: &mut Ctx, owners: &HashSet<String>) {
    let orphans: Vec<(String, String)> = ctx
        .store
        .list::<K>(None)
        .filter(|o| o.metadata().deletion_timestamp.is_none() && orphaned(o.metadata(), owners))
        .map(|o| key_of(&**o))
        .collect();
    for (ns, name) in orphans {
        let _ = delete::<K>(ctx.store, ctx.now, &ns, &name, None);
    }
}
