//! Jobs on virtual time: completions and parallelism, back-off after failures, the
//! deadline, suspension, Indexed completions and the TTL after finishing.

use crate::common;

use std::sync::Arc;

use common::Cluster;
use engine::k8s_openapi::api::batch::v1::Job;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::pod_state;
use serde_json::{json, Value};

/// A Job running `script` in busybox with `spec` merged into its spec.
fn job(name: &str, script: &str, restart: &str, spec: Value) -> Job {
    let mut manifest = json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"template": {"spec": {
            "restartPolicy": restart,
            "containers": [{"name": "work", "image": "busybox:1.36", "command": ["sh", "-c", script]}]
        }}}
    });
    for (key, value) in spec.as_object().expect("an object") {
        manifest["spec"][key] = value.clone();
    }
    serde_json::from_value(manifest).expect("a job")
}

fn get(c: &Cluster, name: &str) -> Arc<Job> {
    c.engine
        .store()
        .get::<Job>("default", name)
        .expect("the job")
}

fn pods_of(c: &Cluster, name: &str) -> Vec<Arc<Pod>> {
    c.pods()
        .into_iter()
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("job-name"))
                .map(String::as_str)
                == Some(name)
        })
        .collect()
}

fn condition(job: &Job, kind: &str) -> Option<(String, Option<String>)> {
    job.status
        .as_ref()?
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == kind)
        .map(|c| (c.status.clone(), c.reason.clone()))
}

fn counts(job: &Job) -> (i32, i32, i32) {
    let s = job.status.clone().unwrap_or_default();
    (
        s.active.unwrap_or(0),
        s.succeeded.unwrap_or(0),
        s.failed.unwrap_or(0),
    )
}

#[test]
fn a_job_runs_its_completions_at_most_parallelism_at_a_time_then_is_complete() {
    let mut c = Cluster::new();
    c.engine
        .create(job(
            "pi",
            "echo 3.14; sleep 5",
            "Never",
            json!({"completions": 3, "parallelism": 2}),
        ))
        .expect("create");
    let created = get(&c, "pi");
    let spec = created.spec.as_ref().expect("spec");
    assert_eq!(spec.backoff_limit, Some(6), "defaulted");
    let selector = spec
        .selector
        .as_ref()
        .and_then(|s| s.match_labels.clone())
        .expect("generated");
    assert_eq!(
        selector.get("batch.kubernetes.io/controller-uid"),
        created.metadata.uid.as_ref()
    );
    assert_eq!(pods_of(&c, "pi").len(), 2, "parallelism 2");
    let pod = &pods_of(&c, "pi")[0];
    assert_eq!(
        pod.metadata.finalizers.as_deref(),
        Some(&["batch.kubernetes.io/job-tracking".to_owned()][..])
    );
    c.run_for(8_000);
    assert_eq!(
        counts(&get(&c, "pi")),
        (1, 2, 0),
        "two done, the third running"
    );
    assert!(
        pods_of(&c, "pi")
            .iter()
            .filter(|p| pod_state::phase(p) == "Succeeded")
            .all(|p| p.metadata.finalizers.is_none()),
        "counted pods are released"
    );
    c.run_for(8_000);
    let done = get(&c, "pi");
    assert_eq!(counts(&done), (0, 3, 0));
    assert_eq!(
        condition(&done, "Complete"),
        Some(("True".to_owned(), Some("CompletionsReached".to_owned())))
    );
    assert!(done
        .status
        .as_ref()
        .and_then(|s| s.completion_time.as_ref())
        .is_some());
    assert_eq!(
        pods_of(&c, "pi").len(),
        3,
        "finished pods stay for their logs"
    );
    let logs = c.engine.logs(
        "default",
        pods_of(&c, "pi")[0]
            .metadata
            .name
            .as_deref()
            .unwrap_or_default(),
        None,
        None,
        None,
        false,
    );
    assert_eq!(logs.expect("logs"), ["3.14"]);
    let reasons: Vec<String> = c
        .events_about("Job")
        .iter()
        .filter_map(|e| e.reason.clone())
        .collect();
    assert_eq!(
        reasons.iter().filter(|r| *r == "SuccessfulCreate").count(),
        3
    );
    assert!(reasons.contains(&"Completed".to_owned()));
}

#[test]
fn failed_pods_are_retried_with_back_off_until_the_limit() {
    let mut c = Cluster::new();
    c.engine
        .create(job("flaky", "exit 3", "Never", json!({"backoffLimit": 2})))
        .expect("create");
    c.run_for(1_000);
    assert_eq!(counts(&get(&c, "flaky")).2, 1, "the first failure counted");
    assert_eq!(
        pods_of(&c, "flaky").len(),
        1,
        "no new pod before the 10 s back-off"
    );
    c.run_for(10_000);
    assert_eq!(pods_of(&c, "flaky").len(), 2, "retried after 10 s");
    c.run_for(10_000);
    assert_eq!(pods_of(&c, "flaky").len(), 2, "the next back-off is 20 s");
    c.run_for(11_000);
    assert_eq!(pods_of(&c, "flaky").len(), 3);
    c.run_for(1_000);
    let failed = get(&c, "flaky");
    assert_eq!(counts(&failed), (0, 0, 3));
    assert_eq!(
        condition(&failed, "Failed"),
        Some(("True".to_owned(), Some("BackoffLimitExceeded".to_owned())))
    );
    c.run_for(120_000);
    assert_eq!(pods_of(&c, "flaky").len(), 3, "no pod after the end");
    let last = pods_of(&c, "flaky").into_iter().last().expect("a pod");
    let state = last
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|c| c[0].state.clone());
    assert_eq!(
        state.and_then(|s| s.terminated).map(|t| t.exit_code),
        Some(3)
    );
}

#[test]
fn restarts_of_on_failure_pods_count_against_the_limit() {
    let mut c = Cluster::new();
    c.engine
        .create(job(
            "retry",
            "exit 1",
            "OnFailure",
            json!({"backoffLimit": 1}),
        ))
        .expect("create");
    c.run_for(120_000);
    let failed = get(&c, "retry");
    assert_eq!(
        condition(&failed, "Failed").map(|c| c.1),
        Some(Some("BackoffLimitExceeded".to_owned()))
    );
    assert!(
        pods_of(&c, "retry")
            .iter()
            .all(|p| !pod_state::is_active(p)),
        "its pod stopped"
    );
}

#[test]
fn a_job_past_its_deadline_fails_and_its_pods_stop() {
    let mut c = Cluster::new();
    c.engine
        .create(job(
            "slow",
            "sleep 600",
            "Never",
            json!({"activeDeadlineSeconds": 30, "parallelism": 2, "completions": 2}),
        ))
        .expect("create");
    c.run_for(29_000);
    assert_eq!(counts(&get(&c, "slow")).0, 2);
    c.run_for(2_000);
    let target = get(&c, "slow");
    assert_eq!(
        condition(&target, "FailureTarget").map(|c| c.1),
        Some(Some("DeadlineExceeded".to_owned()))
    );
    c.run_for(60_000);
    let failed = get(&c, "slow");
    assert_eq!(
        condition(&failed, "Failed").map(|c| c.1),
        Some(Some("DeadlineExceeded".to_owned()))
    );
    assert!(pods_of(&c, "slow").is_empty(), "its pods were deleted");
    assert_eq!(
        counts(&failed),
        (0, 0, 0),
        "pods the job stopped are not failures"
    );
}

#[test]
fn a_suspended_job_runs_nothing_until_resumed_and_stops_when_suspended_again() {
    let mut c = Cluster::new();
    c.engine
        .create(job("later", "sleep 60", "Never", json!({"suspend": true})))
        .expect("create");
    c.run_for(5_000);
    assert!(pods_of(&c, "later").is_empty());
    assert_eq!(
        condition(&get(&c, "later"), "Suspended").map(|c| c.0),
        Some("True".to_owned())
    );
    assert!(get(&c, "later")
        .status
        .as_ref()
        .and_then(|s| s.start_time.as_ref())
        .is_none());

    let mut resumed = (*get(&c, "later")).clone();
    resumed.spec.as_mut().expect("spec").suspend = Some(false);
    c.engine.update(resumed).expect("resume");
    assert_eq!(pods_of(&c, "later").len(), 1);
    assert_eq!(
        condition(&get(&c, "later"), "Suspended").map(|c| c.1),
        Some(Some("JobResumed".to_owned()))
    );

    c.run_for(5_000);
    let mut again = (*get(&c, "later")).clone();
    again.spec.as_mut().expect("spec").suspend = Some(true);
    c.engine.update(again).expect("suspend");
    c.run_for(60_000);
    assert!(pods_of(&c, "later").is_empty(), "its pod was deleted");
    assert_eq!(
        counts(&get(&c, "later")),
        (0, 0, 0),
        "and not counted as failed"
    );
}

#[test]
fn an_indexed_job_runs_each_index_once_with_its_number() {
    let mut c = Cluster::new();
    c.engine
        .create(job(
            "shards",
            "echo shard $JOB_COMPLETION_INDEX; sleep 2",
            "Never",
            json!({"completions": 3, "parallelism": 3, "completionMode": "Indexed"}),
        ))
        .expect("create");
    let mut names: Vec<String> = pods_of(&c, "shards")
        .iter()
        .map(|p| {
            p.spec
                .as_ref()
                .and_then(|s| s.hostname.clone())
                .unwrap_or_default()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["shards-0", "shards-1", "shards-2"]);
    c.run_for(10_000);
    let done = get(&c, "shards");
    assert_eq!(
        done.status
            .as_ref()
            .and_then(|s| s.completed_indexes.clone())
            .as_deref(),
        Some("0-2")
    );
    assert_eq!(
        condition(&done, "Complete").map(|c| c.0),
        Some("True".to_owned())
    );
    let mut lines: Vec<String> = pods_of(&c, "shards")
        .iter()
        .flat_map(|p| {
            c.engine
                .logs(
                    "default",
                    p.metadata.name.as_deref().unwrap_or_default(),
                    None,
                    None,
                    None,
                    false,
                )
                .expect("logs")
        })
        .collect();
    lines.sort();
    assert_eq!(lines, ["shard 0", "shard 1", "shard 2"]);
}

#[test]
fn a_running_pod_deleted_counts_as_failed_and_is_replaced() {
    let mut c = Cluster::new();
    c.engine
        .create(job("long", "sleep 600", "Never", json!({})))
        .expect("create");
    c.run_for(5_000);
    let pod = pods_of(&c, "long")[0].metadata.name.clone().expect("name");
    c.engine
        .delete::<Pod>("default", &pod, Some(0))
        .expect("delete");
    c.run_for(12_000);
    let job = get(&c, "long");
    assert_eq!(counts(&job).2, 1);
    assert_eq!(counts(&job).0, 1, "replaced after the back-off");
}

#[test]
fn a_finished_job_goes_after_its_ttl_with_its_pods() {
    let mut c = Cluster::new();
    c.engine
        .create(job(
            "once",
            "exit 0",
            "Never",
            json!({"ttlSecondsAfterFinished": 30}),
        ))
        .expect("create");
    c.run_for(2_000);
    assert_eq!(
        condition(&get(&c, "once"), "Complete").map(|c| c.0),
        Some("True".to_owned())
    );
    c.run_for(20_000);
    assert!(c.engine.store().get::<Job>("default", "once").is_some());
    c.run_for(20_000);
    assert!(
        c.engine.store().get::<Job>("default", "once").is_none(),
        "deleted after 30 s"
    );
    assert!(pods_of(&c, "once").is_empty());
}

#[test]
fn a_batch_image_exits_with_its_catalog_code() {
    let mut c = Cluster::new();
    let mut report = job("report", "", "Never", json!({}));
    let mut import = job("import", "", "Never", json!({"backoffLimit": 0}));
    for (j, image) in [
        (&mut report, "team/nightly-report:v1"),
        (&mut import, "team/data-import:v1"),
    ] {
        let container = &mut j
            .spec
            .as_mut()
            .expect("spec")
            .template
            .spec
            .as_mut()
            .expect("pod")
            .containers[0];
        container.image = Some(image.to_owned());
        container.command = None;
    }
    c.engine.create(report).expect("report");
    c.engine.create(import).expect("import");
    c.run_for(60_000);
    assert_eq!(
        condition(&get(&c, "report"), "Complete").map(|c| c.0),
        Some("True".to_owned())
    );
    assert_eq!(
        condition(&get(&c, "import"), "Failed").map(|c| c.1),
        Some(Some("BackoffLimitExceeded".to_owned()))
    );
}

#[test]
fn a_job_named_by_generate_name_passes_the_name_rules() {
    let mut c = Cluster::new();
    let mut manual = job("", "true", "Never", json!({}));
    manual.metadata.name = None;
    manual.metadata.generate_name = Some("nightly-manual-".to_owned());
    let created = c.engine.create(manual).expect("created from generateName");
    let name = created.metadata.name.clone().expect("a name");
    assert!(name.starts_with("nightly-manual-") && name.len() == "nightly-manual-".len() + 5);
}
