//! `DELETE` on a collection (upstream's `deletecollection` verb): every object the
//! label and field selectors pick is deleted as a `DELETE` of it would be, with the
//! same `DeleteOptions`; the answer is the list of the objects as the deletes left
//! them.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, RawPathParams, State};
use axum::response::Response;

use super::objects::{
    delete_options, json_response, to_json, Filter, ListBody, ListMeta, Served, Target,
};
use super::query::ListQuery;
use super::status::ApiError;
use crate::cluster::Cluster;

/// `DELETE /api/v1/namespaces/{ns}/pods?labelSelector=…`.
pub async fn delete_collection<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<ListQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let filter = Filter::from::<K>(Target::from(&params), &query)?;
    let (options, dry_run) = delete_options(&query, &body)?;
    let (deleted, rv) = cluster.write(|e| {
        let picked: Vec<Arc<K>> = e
            .store()
            .list_unpacked::<K>(filter.namespace.as_deref())
            .filter(|o| filter.admits(&**o))
            .collect();
        if dry_run {
            return Ok((picked, e.store().resource_version()));
        }
        let mut deleted = Vec::with_capacity(picked.len());
        for obj in picked {
            let meta = obj.metadata();
            let ns = meta.namespace.as_deref().unwrap_or_default();
            let name = meta.name.as_deref().unwrap_or_default();
            match e.delete_with::<K>(ns, name, &options) {
                Ok(obj) => deleted.push(obj),
                // Gone with an earlier one (its owner's cascade): nothing to do.
                Err(engine::Error::NotFound { .. }) => {}
                Err(err) => return Err(err),
            }
        }
        Ok((deleted, e.store().resource_version()))
    })?;
    let body = ListBody {
        api_version: K::API_VERSION,
        kind: format!("{}List", K::KIND),
        metadata: ListMeta {
            resource_version: rv.to_string(),
            ..Default::default()
        },
        items: deleted.iter().map(|o| &**o).collect(),
    };
    Ok(json_response(to_json(&body)?))
}
