//! Jobs' and CronJobs' rules, as upstream's batch validation keeps them.

use rules::{validate_workload, Context, Violation};
use serde_json::{json, Value};

fn job() -> Value {
    json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "pi", "namespace": "default"},
        "spec": {
            "completions": 3, "parallelism": 2, "backoffLimit": 4,
            "template": {"spec": {
                "restartPolicy": "Never",
                "containers": [{"name": "pi", "image": "busybox", "command": ["sh", "-c", "exit 0"]}]
            }}
        }
    })
}

fn cron_job() -> Value {
    json!({
        "apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"name": "nightly", "namespace": "default"},
        "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": job()["spec"].clone()}}
    })
}

fn errors(manifest: &Value) -> Vec<(String, Violation)> {
    validate_workload(manifest, Context::default())
        .errors
        .into_iter()
        .map(|e| (e.path, e.violation))
        .collect()
}

#[test]
fn a_job_and_a_cron_job_as_kubectl_creates_them_pass() {
    assert_eq!(errors(&job()), vec![]);
    assert_eq!(errors(&cron_job()), vec![]);
}

#[test]
fn a_jobs_pods_restart_never_or_on_failure() {
    let mut always = job();
    always["spec"]["template"]["spec"]["restartPolicy"] = json!("Always");
    assert!(matches!(
        &errors(&always)[..],
        [(p, Violation::Unsupported { value, .. })]
            if p == "spec.template.spec.restartPolicy" && value == "Always"
    ));
    let mut unset = cron_job();
    unset["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        .as_object_mut()
        .expect("an object")
        .remove("restartPolicy");
    assert_eq!(
        errors(&unset),
        vec![(
            "spec.jobTemplate.spec.template.spec.restartPolicy".to_owned(),
            Violation::Required
        )]
    );
}

#[test]
fn counts_and_deadlines_in_range() {
    let mut m = job();
    m["spec"]["backoffLimit"] = json!(-1);
    m["spec"]["activeDeadlineSeconds"] = json!(0);
    let paths: Vec<String> = errors(&m).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["spec.backoffLimit", "spec.activeDeadlineSeconds"]);
}

#[test]
fn indexed_jobs_need_completions() {
    let mut m = job();
    m["spec"]["completionMode"] = json!("Indexed");
    m["spec"]
        .as_object_mut()
        .expect("an object")
        .remove("completions");
    assert_eq!(
        errors(&m),
        vec![("spec.completions".to_owned(), Violation::Required)]
    );
}

#[test]
fn a_schedule_that_does_not_parse_is_refused_with_crons_reason() {
    let mut m = cron_job();
    m["spec"]["schedule"] = json!("every day");
    assert_eq!(
        errors(&m),
        vec![(
            "spec.schedule".to_owned(),
            Violation::Invalid("expected exactly 5 fields, found 2: [every day]".to_owned())
        )]
    );
    m["spec"]["schedule"] = json!("@daily");
    m["spec"]["concurrencyPolicy"] = json!("Sometimes");
    assert!(matches!(
        &errors(&m)[..],
        [(p, Violation::Unsupported { .. })] if p == "spec.concurrencyPolicy"
    ));
}

#[test]
fn cron_job_names_leave_room_for_their_jobs_suffix() {
    let mut m = cron_job();
    m["metadata"]["name"] = json!("n".repeat(53));
    assert!(errors(&m)
        .iter()
        .any(|(p, v)| p == "metadata.name" && *v == Violation::TooLong { max: 52 }));
}
