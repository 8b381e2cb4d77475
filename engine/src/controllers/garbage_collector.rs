//! The garbage collector: objects whose owners are all gone are deleted
//! (background cascading deletion), and old events expire.

use std::collections::HashSet;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::Ctx;
use crate::delete::{delete, Deletable};
use crate::store::key_of;

pub(crate) fn sync_all(ctx: &mut Ctx) {
    let owners: HashSet<String> = ctx
        .store
        .list::<Deployment>(None)
        .filter_map(|d| d.metadata.uid.clone())
        .chain(
            ctx.store
                .list::<ReplicaSet>(None)
                .filter_map(|r| r.metadata.uid.clone()),
        )
        .collect();
    collect_orphans::<ReplicaSet>(ctx, &owners);
    collect_orphans::<Pod>(ctx, &owners);
    crate::events::expire(ctx.store, ctx.now);
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
