//! A Deployment's conditions as upstream sets them: Progressing through
//! NewReplicaSetCreated (or FoundNewReplicaSet), ReplicaSetUpdated and
//! NewReplicaSetAvailable; Available once minReadySeconds have passed.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition};

/// The Deployment's condition `kind`, as it is now.
fn condition(c: &Cluster, kind: &str) -> Option<DeploymentCondition> {
    let status = c.deployment("web").status?;
    status.conditions?.into_iter().find(|c| c.type_ == kind)
}

/// (status, reason) of the condition `kind`.
fn state(c: &Cluster, kind: &str) -> (String, String) {
    let cond = condition(c, kind).expect("condition");
    (cond.status, cond.reason.unwrap_or_default())
}

/// Every (reason, message) the Progressing condition had since resourceVersion `from`,
/// repeats left out.
fn progressing_history(c: &Cluster, from: u64) -> Vec<(String, String)> {
    let mut history: Vec<(String, String)> = Vec::new();
    let changes = c.engine.store().changes_since::<Deployment>(from);
    for change in changes.expect("history kept") {
        let status = change.object.status.clone().unwrap_or_default();
        let Some(cond) = status
            .conditions
            .into_iter()
            .flatten()
            .find(|c| c.type_ == "Progressing")
        else {
            continue;
        };
        let entry = (
            cond.reason.unwrap_or_default(),
            cond.message.unwrap_or_default(),
        );
        if history.last() != Some(&entry) {
            history.push(entry);
        }
    }
    history
}

fn reasons(history: &[(String, String)]) -> Vec<&str> {
    history.iter().map(|(r, _)| r.as_str()).collect()
}

fn newest_set(c: &Cluster) -> String {
    let sets = c.replica_sets();
    let newest = sets.last().expect("a ReplicaSet");
    newest.metadata.name.clone().expect("name")
}

fn edit(
    c: &mut Cluster,
    change: impl FnOnce(&mut engine::k8s_openapi::api::apps::v1::DeploymentSpec),
) {
    let mut d = c.deployment("web");
    change(d.spec.as_mut().expect("spec"));
    c.engine.update(d).expect("update");
}

#[test]
fn a_rollout_notes_its_new_replica_set_created_then_progressing_then_available() {
    let mut c = Cluster::new();
    let from = c.engine.store().resource_version();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.26", 2))
        .expect("create");
    c.run_for(10_000);
    let first = newest_set(&c);
    let history = progressing_history(&c, from);
    assert_eq!(
        reasons(&history),
        [
            "NewReplicaSetCreated",
            "ReplicaSetUpdated",
            "NewReplicaSetAvailable"
        ]
    );
    assert_eq!(history[0].1, format!("Created new replica set \"{first}\""));
    assert_eq!(
        history[1].1,
        format!("ReplicaSet \"{first}\" is progressing.")
    );

    let from = c.engine.store().resource_version();
    c.set_image("web", "nginx:1.27");
    c.run_for(10_000);
    let second = newest_set(&c);
    assert_ne!(first, second);
    let history = progressing_history(&c, from);
    assert_eq!(
        reasons(&history),
        [
            "NewReplicaSetAvailable", // the first rollout's, as the update found it
            "NewReplicaSetCreated",
            "ReplicaSetUpdated",
            "NewReplicaSetAvailable"
        ]
    );
    assert_eq!(
        history[1].1,
        format!("Created new replica set \"{second}\"")
    );
    assert_eq!(
        history.last().map(|(r, m)| (r.as_str(), m.clone())),
        Some((
            "NewReplicaSetAvailable",
            format!("ReplicaSet \"{second}\" has successfully progressed.")
        ))
    );
}

#[test]
fn without_a_deadline_no_progress_is_estimated_and_a_new_deadline_finds_the_set() {
    let mut c = Cluster::without_nodes();
    let mut d = demo::deployment("default", "web", "nginx:1.26", 2);
    // Upstream's "no deadline": math.MaxInt32.
    d.spec.as_mut().expect("spec").progress_deadline_seconds = Some(i32::MAX);
    c.engine.create(d).expect("create");
    c.run_for(900_000);
    assert!(condition(&c, "Progressing").is_none());
    assert_eq!(
        state(&c, "Available"),
        ("False".into(), "MinimumReplicasUnavailable".into())
    );

    edit(&mut c, |spec| spec.progress_deadline_seconds = Some(30));
    let found = condition(&c, "Progressing").expect("Progressing");
    assert_eq!(
        (found.status.as_str(), found.reason.as_deref()),
        ("True", Some("FoundNewReplicaSet"))
    );
    assert_eq!(
        found.message,
        Some(format!("Found new replica set \"{}\"", newest_set(&c)))
    );
    c.run_for(29_000);
    assert_eq!(state(&c, "Progressing").1, "FoundNewReplicaSet");
    c.run_for(2_000);
    assert_eq!(
        state(&c, "Progressing"),
        ("False".into(), "ProgressDeadlineExceeded".into())
    );
}

#[test]
fn available_replicas_wait_for_min_ready_seconds() {
    let mut c = Cluster::new();
    let mut d = demo::deployment("default", "web", "nginx:1.26", 3);
    d.spec.as_mut().expect("spec").min_ready_seconds = Some(10);
    c.engine.create(d).expect("create");
    let counts = |c: &Cluster| {
        let s = c.deployment("web").status.unwrap_or_default();
        (s.ready_replicas, s.available_replicas)
    };
    c.run_for(2_000);
    assert_eq!(counts(&c), (Some(3), Some(0)));
    let unavailable = ("False".into(), "MinimumReplicasUnavailable".into());
    assert_eq!(state(&c, "Available"), unavailable);
    c.run_for(7_000);
    assert_eq!(counts(&c), (Some(3), Some(0)), "9 s in: not yet");
    assert_eq!(state(&c, "Available"), unavailable);
    c.run_for(5_000);
    assert_eq!(counts(&c), (Some(3), Some(3)));
    assert_eq!(
        state(&c, "Available"),
        ("True".into(), "MinimumReplicasAvailable".into())
    );
}

#[test]
fn a_min_ready_seconds_edit_reaches_the_current_replica_set() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.26", 3))
        .expect("create");
    c.run_for(10_000);
    let available = |c: &Cluster| {
        c.deployment("web")
            .status
            .unwrap_or_default()
            .available_replicas
    };
    assert_eq!(available(&c), Some(3));

    edit(&mut c, |spec| spec.min_ready_seconds = Some(30));
    let sets = c.replica_sets();
    assert_eq!(sets.len(), 1, "no rollout: the template is the same");
    let min_ready = sets[0].spec.as_ref().and_then(|s| s.min_ready_seconds);
    assert_eq!(min_ready, Some(30));
    // Ready for about 9 s of the 30 now asked for.
    assert_eq!(available(&c), Some(0));
    c.run_for(25_000);
    assert_eq!(available(&c), Some(3));
}
