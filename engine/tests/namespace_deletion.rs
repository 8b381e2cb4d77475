//! Deleting a namespace deletes what it holds, as upstream's namespace controller
//! does: it turns Terminating, refuses new content, and goes once it is empty.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::Deployment;
use engine::k8s_openapi::api::core::v1::{ConfigMap, Namespace, Pod};
use engine::{demo, Error};
use serde_json::json;

fn in_team(c: &Cluster) -> usize {
    c.engine.store().list::<Pod>(Some("team")).count()
        + c.engine.store().list::<Deployment>(Some("team")).count()
        + c.engine.store().list::<ConfigMap>(Some("team")).count()
}

#[test]
fn a_deleted_namespace_is_emptied_then_goes_and_a_new_one_of_its_name_starts_empty() {
    let mut c = Cluster::new();
    c.engine.create(demo::namespace("team")).expect("namespace");
    c.engine
        .create(demo::deployment("team", "web", "nginx:1.27", 2))
        .expect("deployment");
    let settings: ConfigMap = serde_json::from_value(json!({
        "metadata": {"name": "settings", "namespace": "team"}, "data": {"a": "1"}
    }))
    .expect("configmap");
    c.engine.create(settings.clone()).expect("configmap");
    c.run_for(10_000);
    assert_eq!(in_team(&c), 4, "two pods, the deployment, the configmap");

    c.engine
        .delete::<Namespace>("", "team", None)
        .expect("delete");
    let ns = c
        .engine
        .store()
        .get::<Namespace>("", "team")
        .expect("still there while its pods stop");
    assert_eq!(
        ns.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Terminating")
    );
    let refused = c.engine.create(settings.clone());
    assert!(
        matches!(&refused, Err(Error::Forbidden { message, .. }) if message.contains("because it is being terminated")),
        "{refused:?}"
    );

    c.run_for(60_000);
    assert!(
        c.engine.store().get::<Namespace>("", "team").is_none(),
        "gone once empty"
    );
    assert_eq!(in_team(&c), 0);
    c.engine.create(demo::namespace("team")).expect("again");
    assert_eq!(in_team(&c), 0, "nothing of the old namespace comes back");
}
