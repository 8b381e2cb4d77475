//! CronJobs on virtual time: a Job per scheduled minute, in the CronJob's time zone,
//! overlapping runs as the concurrency policy says, history limits, suspension.

use crate::common;

use std::sync::Arc;

use common::Cluster;
use engine::k8s_openapi::api::batch::v1::{CronJob, Job};
use serde_json::{json, Value};

fn cron_job(name: &str, schedule: &str, script: &str, spec: Value) -> CronJob {
    let mut manifest = json!({
        "apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "schedule": schedule,
            "jobTemplate": {"spec": {"template": {"spec": {
                "restartPolicy": "Never",
                "containers": [{"name": "work", "image": "busybox", "command": ["sh", "-c", script]}]
            }}}}
        }
    });
    for (key, value) in spec.as_object().expect("an object") {
        manifest["spec"][key] = value.clone();
    }
    serde_json::from_value(manifest).expect("a cronjob")
}

fn jobs(c: &Cluster) -> Vec<Arc<Job>> {
    c.engine
        .store()
        .list::<Job>(Some("default"))
        .cloned()
        .collect()
}

fn names(c: &Cluster) -> Vec<String> {
    jobs(c)
        .iter()
        .filter_map(|j| j.metadata.name.clone())
        .collect()
}

fn get(c: &Cluster, name: &str) -> Arc<CronJob> {
    c.engine
        .store()
        .get::<CronJob>("default", name)
        .expect("the cronjob")
}

/// The time a scheduled Job was scheduled for, as its annotation gives it.
fn scheduled_at(job: &Job) -> Option<&str> {
    job.metadata
        .annotations
        .as_ref()?
        .get("batch.kubernetes.io/cronjob-scheduled-timestamp")
        .map(String::as_str)
}

const MINUTE: i64 = 60_000;
/// The virtual clock's start (2026-01-01T00:00:00Z) in minutes.
const START_MINUTE: i64 = 1_767_225_600 / 60;

#[test]
fn a_job_each_scheduled_minute_named_by_it_and_three_successes_kept() {
    let mut c = Cluster::new();
    c.engine
        .create(cron_job("tick", "*/1 * * * *", "echo tick", json!({})))
        .expect("create");
    let defaulted = get(&c, "tick");
    let spec = defaulted.spec.as_ref().expect("spec");
    assert_eq!(
        (
            spec.concurrency_policy.as_deref(),
            spec.successful_jobs_history_limit
        ),
        (Some("Allow"), Some(3))
    );
    assert!(jobs(&c).is_empty(), "nothing before the first minute");
    c.run_for(MINUTE);
    assert_eq!(names(&c), [format!("tick-{}", START_MINUTE + 1)]);
    let job = &jobs(&c)[0];
    assert_eq!(scheduled_at(job), Some("2026-01-01T00:01:00+00:00"));
    assert_eq!(
        get(&c, "tick")
            .status
            .as_ref()
            .and_then(|s| s.active.as_ref())
            .map(Vec::len),
        Some(1)
    );
    c.run_for(5 * MINUTE + MINUTE / 2);
    let mut kept = names(&c);
    kept.sort();
    let expected: Vec<String> = (4..=6)
        .map(|m| format!("tick-{}", START_MINUTE + m))
        .collect();
    assert_eq!(kept, expected, "the three latest successes");
    let status = get(&c, "tick").status.clone().expect("status");
    assert!(status.active.is_none());
    assert!(status.last_successful_time.is_some());
    assert_eq!(
        status.last_schedule_time.map(|t| t.0.as_second() / 60),
        Some(START_MINUTE + 6)
    );
}

#[test]
fn forbid_skips_a_run_while_one_is_running_and_replace_stops_it() {
    let mut c = Cluster::new();
    c.engine
        .create(cron_job(
            "forbid",
            "* * * * *",
            "sleep 90",
            json!({"concurrencyPolicy": "Forbid"}),
        ))
        .expect("create");
    c.run_for(2 * MINUTE);
    assert_eq!(names(&c).len(), 1, "the second minute's run waits");
    c.run_for(MINUTE / 2 + 20_000);
    assert_eq!(names(&c).len(), 2, "and starts once the first is done");

    let mut c = Cluster::new();
    c.engine
        .create(cron_job(
            "replace",
            "* * * * *",
            "sleep 600",
            json!({"concurrencyPolicy": "Replace"}),
        ))
        .expect("create");
    c.run_for(MINUTE);
    let first = names(&c);
    c.run_for(MINUTE);
    let now: Vec<String> = jobs(&c)
        .iter()
        .filter(|j| j.metadata.deletion_timestamp.is_none())
        .filter_map(|j| j.metadata.name.clone())
        .collect();
    assert_eq!(now.len(), 1);
    assert_ne!(now, first, "the old run replaced");
}

#[test]
fn a_suspended_cron_job_starts_nothing() {
    let mut c = Cluster::new();
    c.engine
        .create(cron_job(
            "paused",
            "* * * * *",
            "true",
            json!({"suspend": true}),
        ))
        .expect("create");
    c.run_for(3 * MINUTE);
    assert!(jobs(&c).is_empty());
}

#[test]
fn the_schedule_is_read_in_the_time_zone() {
    let mut c = Cluster::new();
    // 09:00 in Tokyo is 00:00 UTC: the clock starts at 00:00 UTC, so the first run is
    // a day later.
    c.engine
        .create(cron_job(
            "morning",
            "0 9 * * *",
            "true",
            json!({"timeZone": "Asia/Tokyo"}),
        ))
        .expect("create");
    c.run_for(23 * 60 * MINUTE);
    assert!(jobs(&c).is_empty());
    c.run_for(60 * MINUTE);
    assert_eq!(names(&c), [format!("morning-{}", START_MINUTE + 24 * 60)]);
    let job = &jobs(&c)[0];
    assert_eq!(scheduled_at(job), Some("2026-01-02T09:00:00+09:00"));
}

#[test]
fn an_unknown_time_zone_is_reported_and_nothing_runs() {
    let mut c = Cluster::new();
    c.engine
        .create(cron_job(
            "lost",
            "* * * * *",
            "true",
            json!({"timeZone": "Mars/Olympus"}),
        ))
        .expect("create");
    c.run_for(2 * MINUTE);
    assert!(jobs(&c).is_empty());
    assert!(c
        .events_about("CronJob")
        .iter()
        .any(|e| e.reason.as_deref() == Some("UnknownTimeZone")));
}

#[test]
fn deleting_a_cron_job_deletes_its_jobs_and_their_pods() {
    let mut c = Cluster::new();
    c.engine
        .create(cron_job("gone", "* * * * *", "sleep 600", json!({})))
        .expect("create");
    c.run_for(MINUTE);
    assert_eq!(jobs(&c).len(), 1);
    assert_eq!(
        c.pods()
            .iter()
            .filter(|p| p.metadata.namespace.as_deref() == Some("default"))
            .count(),
        1
    );
    c.engine
        .delete::<CronJob>("default", "gone", None)
        .expect("delete");
    c.run_for(MINUTE);
    assert!(jobs(&c).is_empty());
    assert!(c.pods().is_empty());
}

#[test]
fn a_run_later_than_its_starting_deadline_is_missed() {
    let mut c = Cluster::new();
    c.engine
        .create(cron_job(
            "strict",
            "* * * * *",
            "true",
            json!({"suspend": true, "startingDeadlineSeconds": 10}),
        ))
        .expect("create");
    c.run_for(3 * MINUTE + MINUTE / 2);
    let mut resumed = (*get(&c, "strict")).clone();
    resumed.spec.as_mut().expect("spec").suspend = Some(false);
    c.engine.update(resumed).expect("resume");
    assert!(
        jobs(&c).is_empty(),
        "03:00 was 30 s ago, past the 10 s deadline"
    );
    assert!(c
        .events_about("CronJob")
        .iter()
        .any(|e| e.reason.as_deref() == Some("MissSchedule")));
    c.run_for(MINUTE / 2);
    assert_eq!(names(&c), [format!("strict-{}", START_MINUTE + 4)]);
}
