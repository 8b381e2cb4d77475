//! Updates that may not change what they change, refused as upstream's update
//! validation refuses them (422 at the field, in the apiserver's words), with nothing
//! stored; and the changes that stay allowed.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use engine::k8s_openapi::api::batch::v1::Job;
use engine::k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret, Service};
use engine::k8s_openapi::DeepMerge;
use engine::{Error, FieldError};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn object<K: DeserializeOwned>(manifest: Value) -> K {
    serde_json::from_value(manifest).expect("an object")
}

/// The stored `K` named `name` in `default`, with `change` merged in.
fn changed<K: engine::store::Object + Clone + DeepMerge + DeserializeOwned>(
    c: &Cluster,
    name: &str,
    change: Value,
) -> K {
    let mut current = (*c.engine.store().get::<K>("default", name).expect("stored")).clone();
    current.merge_from(object(change));
    current
}

/// The causes of an update's refusal.
fn refused(result: Result<impl std::fmt::Debug, Error>) -> Vec<FieldError> {
    match result {
        Err(Error::Invalid { causes, .. }) => causes,
        other => panic!("expected a 422, got {other:?}"),
    }
}

#[test]
fn a_deployments_selector_never_changes_and_its_template_still_does() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 2))
        .expect("created");
    let mut moved = c.deployment("web");
    let selector = moved
        .spec
        .as_mut()
        .expect("spec")
        .selector
        .match_labels
        .as_mut();
    selector
        .expect("labels")
        .insert("tier".into(), "front".into());
    let template = &mut moved.spec.as_mut().expect("spec").template;
    template
        .metadata
        .as_mut()
        .expect("meta")
        .labels
        .as_mut()
        .expect("labels")
        .insert("tier".into(), "front".into());
    let causes = refused(c.engine.update(moved));
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert_eq!(causes[0].field, "spec.selector");
    assert_eq!(
        causes[0].message,
        r#"Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#
    );
    let stored = c.deployment("web");
    let labels = &stored.spec.as_ref().expect("spec").selector.match_labels;
    assert!(
        !labels.as_ref().expect("labels").contains_key("tier"),
        "nothing stored"
    );

    c.set_image("web", "nginx:1.28");
    c.run_for(120_000);
    assert_eq!(c.images(), vec!["nginx:1.28", "nginx:1.28"]);
}

#[test]
fn a_statefulsets_spec_changes_only_where_upstream_allows() {
    let mut c = Cluster::new();
    let set: StatefulSet = object(json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "db", "namespace": "default"},
        "spec": {"serviceName": "db", "replicas": 1,
            "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}},
                "spec": {"containers": [{"name": "db", "image": "redis:7"}]}}}
    }));
    c.engine.create(set).expect("created");
    let renamed: StatefulSet = changed(&c, "db", json!({"spec": {"serviceName": "cache"}}));
    let causes = refused(c.engine.update(renamed));
    assert_eq!(causes[0].field, "spec");
    assert_eq!(
        causes[0].message,
        "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', \
         'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' \
         and 'minReadySeconds' are forbidden"
    );
    let scaled: StatefulSet = changed(
        &c,
        "db",
        json!({"spec": {"replicas": 3, "minReadySeconds": 5}}),
    );
    c.engine
        .update(scaled)
        .expect("replicas and minReadySeconds may change");
}

#[test]
fn a_jobs_selector_and_completions_stay_and_its_suspension_moves() {
    let mut c = Cluster::new();
    let job: Job = object(json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "once", "namespace": "default"},
        "spec": {"completions": 2, "suspend": true, "template": {"spec": {"restartPolicy": "Never",
            "containers": [{"name": "work", "image": "busybox:1.36", "command": ["true"]}]}}}
    }));
    c.engine.create(job).expect("created");
    // A PUT that leaves the generated selector out, as a hand-written manifest does.
    let mut bare: Job = changed(&c, "once", json!({"spec": {"completions": 3}}));
    bare.spec.as_mut().expect("spec").selector = None;
    let causes = refused(c.engine.update(bare));
    let fields: Vec<&str> = causes.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["spec.selector", "spec.completions"]);
    assert_eq!(causes[0].message, "Invalid value: null: field is immutable");
    assert_eq!(causes[1].message, "Invalid value: 3: field is immutable");
    let stored = c
        .engine
        .store()
        .get::<Job>("default", "once")
        .expect("stored");
    assert!(stored.spec.as_ref().expect("spec").selector.is_some());

    let resumed: Job = changed(&c, "once", json!({"spec": {"suspend": false}}));
    c.engine.update(resumed).expect("suspend may change");
}

#[test]
fn an_immutable_config_map_or_secret_keeps_its_data() {
    let mut c = Cluster::new();
    let map: ConfigMap = object(json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "settings", "namespace": "default"},
        "data": {"mode": "fast"}, "immutable": true
    }));
    c.engine.create(map).expect("created");
    let mut edited: ConfigMap = changed(&c, "settings", json!({"data": {"mode": "slow"}}));
    edited.immutable = None;
    let causes = refused(c.engine.update(edited));
    let found: Vec<(&str, &str)> = causes
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "immutable",
                "Forbidden: field is immutable when `immutable` is set"
            ),
            (
                "data",
                "Forbidden: field is immutable when `immutable` is set"
            ),
        ]
    );
    let labelled: ConfigMap = changed(
        &c,
        "settings",
        json!({"metadata": {"labels": {"team": "a"}}}),
    );
    c.engine.update(labelled).expect("metadata may change");

    let secret: Secret = object(json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "token", "namespace": "default"},
        "stringData": {"token": "abc"}
    }));
    c.engine.create(secret).expect("created");
    let retyped: Secret = changed(&c, "token", json!({"type": "kubernetes.io/basic-auth"}));
    let causes = refused(c.engine.update(retyped));
    assert_eq!(causes[0].field, "type");
    assert_eq!(
        causes[0].message,
        r#"Invalid value: "kubernetes.io/basic-auth": field is immutable"#
    );
    let rotated: Secret = changed(&c, "token", json!({"stringData": {"token": "def"}}));
    c.engine
        .update(rotated)
        .expect("a mutable secret's data may change");
}

#[test]
fn a_services_cluster_ip_stays_when_a_replacement_leaves_it_out_and_may_not_move() {
    let mut c = Cluster::new();
    let manifest = json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "shop", "namespace": "default"},
        "spec": {"selector": {"app": "shop"}, "ports": [{"port": 80}]}
    });
    c.engine
        .create(object::<Service>(manifest.clone()))
        .expect("created");
    let address = |c: &Cluster| {
        let svc = c.engine.store().get::<Service>("default", "shop");
        svc.and_then(|s| s.spec.clone()).and_then(|s| s.cluster_ip)
    };
    let allocated = address(&c).expect("a cluster IP");

    // `kubectl replace -f` of the manifest as first written: no clusterIP in it.
    let mut replaced: Service = object(manifest);
    replaced.metadata.labels = Some([("team".to_owned(), "a".to_owned())].into());
    let dry = c.engine.check_update(replaced.clone()).expect("a dry run");
    assert_eq!(
        dry.0.spec.and_then(|s| s.cluster_ip),
        Some(allocated.clone())
    );
    c.engine.update(replaced).expect("replaced");
    assert_eq!(address(&c), Some(allocated.clone()));

    let moved: Service = changed(
        &c,
        "shop",
        json!({"spec": {"clusterIP": "10.96.200.200", "clusterIPs": ["10.96.200.200"]}}),
    );
    let causes = refused(c.engine.check_update(moved.clone()));
    assert_eq!(causes, refused(c.engine.update(moved)));
    assert_eq!(causes[0].field, "spec.clusterIPs[0]");
    assert_eq!(
        causes[0].message,
        r#"Invalid value: []string{"10.96.200.200"}: may not change once set"#
    );
    assert_eq!(address(&c), Some(allocated), "nothing stored");
}

#[test]
fn a_pod_changes_only_its_images_deadline_and_tolerations_and_its_metadata() {
    let mut c = Cluster::new();
    c.engine
        .create(object::<Pod>(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "box", "namespace": "default"},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.26"}]}
        })))
        .expect("created");
    c.run_for(5_000);
    let image = |c: &Cluster| {
        let pod = c
            .engine
            .store()
            .get::<Pod>("default", "box")
            .expect("stored");
        pod.spec.as_ref().expect("spec").containers[0].image.clone()
    };

    let args: Pod = changed(
        &c,
        "box",
        json!({"spec": {"containers": [{"name": "web", "image": "nginx:1.26", "args": ["-g"]}]}}),
    );
    let causes = refused(c.engine.update(args));
    assert_eq!(causes.len(), 1);
    assert_eq!(causes[0].field, "spec");
    assert!(
        causes[0].message.starts_with(
            "Forbidden: pod updates may not change fields other than `spec.containers[*].image`"
        ),
        "{}",
        causes[0].message
    );
    let stored = c
        .engine
        .store()
        .get::<Pod>("default", "box")
        .expect("stored");
    assert_eq!(stored.spec.as_ref().expect("spec").containers[0].args, None);

    let labelled: Pod = changed(&c, "box", json!({"metadata": {"labels": {"team": "a"}}}));
    c.engine.update(labelled).expect("metadata may change");
    let upgraded: Pod = changed(
        &c,
        "box",
        json!({"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}),
    );
    c.engine.update(upgraded).expect("an image may change");
    assert_eq!(image(&c).as_deref(), Some("nginx:1.27"));
}

#[test]
fn a_deployments_update_without_a_change_of_selector_is_not_refused() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 1))
        .expect("created");
    let scaled: Deployment = changed(&c, "web", json!({"spec": {"replicas": 2}}));
    c.engine.update(scaled).expect("replicas may change");
}
