//! The garbage collector: objects whose owners are all gone are deleted
//! (background cascading deletion), and old events expire.

use std::collections::HashSet;

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::Ctx;
use crate::delete::{delete, Deletable};
use crate::store::{key_of, Object};

pub(crate) fn sync_all(ctx: &mut Ctx) {
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
