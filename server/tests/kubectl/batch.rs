//! Jobs and CronJobs through kubectl: `create job|cronjob` (protobuf), a Job run to
//! completion and waited for, upstream's columns, `create job --from=cronjob/…` (the
//! console's "Run now"), suspension, and a schedule refused at its field.

use super::common::kubectl::Kubectl;
use super::{header, rows, SETTLE};

#[test]
fn a_job_created_with_kubectl_runs_to_completion_with_upstreams_columns() {
    let k = Kubectl::start();
    k.ok(&[
        "create",
        "job",
        "hello",
        "--image=busybox:1.36",
        "--",
        "sh",
        "-c",
        "echo hello from the job",
    ]);
    k.ok(&[
        "wait",
        "--for=condition=complete",
        "job/hello",
        "--timeout=60s",
    ]);
    let table = k.ok(&["get", "jobs"]);
    assert_eq!(
        header(&table),
        ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
    );
    let row = &rows(&table)[0];
    assert_eq!(&row[..3], ["hello", "Complete", "1/1"], "{table}");
    let wide = k.ok(&["get", "job", "hello", "-o", "wide"]);
    assert!(
        wide.contains("batch.kubernetes.io/controller-uid="),
        "{wide}"
    );
    let logs = k.ok(&["logs", "job/hello"]);
    assert_eq!(logs.trim(), "hello from the job");
    let pods = k.ok(&["get", "pods", "-l", "job-name=hello"]);
    assert_eq!(rows(&pods)[0][2], "Completed", "{pods}");
    let describe = k.ok(&["describe", "job", "hello"]);
    assert!(
        describe.contains("0 Active (0 Ready) / 1 Succeeded / 0 Failed")
            && describe.contains("job-name=hello"),
        "{describe}"
    );
}

#[test]
fn a_cron_job_lists_its_schedule_runs_now_from_its_template_and_suspends() {
    let k = Kubectl::start();
    k.ok(&[
        "create",
        "cronjob",
        "nightly",
        "--image=busybox:1.36",
        "--schedule=0 3 * * *",
        "--",
        "echo",
        "report",
    ]);
    let table = k.ok(&["get", "cronjobs"]);
    assert_eq!(
        header(&table),
        ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST", "SCHEDULE", "AGE"]
    );
    assert!(
        table.contains("0 3 * * *") && table.contains("<none>"),
        "{table}"
    );
    k.ok(&["create", "job", "nightly-manual", "--from=cronjob/nightly"]);
    k.ok(&[
        "wait",
        "--for=condition=complete",
        "job/nightly-manual",
        "--timeout=60s",
    ]);
    let owner = k.ok(&["get", "job", "nightly-manual", "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}"]);
    assert_eq!(owner, "CronJob/manual");
    k.ok(&[
        "patch",
        "cronjob",
        "nightly",
        "-p",
        r#"{"spec":{"suspend":true}}"#,
    ]);
    let suspended = k.until(&["get", "cj", "nightly"], SETTLE, |out| {
        out.contains("True")
    });
    assert!(
        rows(&suspended)[0].contains(&"True".to_owned()),
        "{suspended}"
    );
    k.ok(&["delete", "cronjob", "nightly"]);
    k.until(&["get", "jobs", "-o", "name"], SETTLE, |out| {
        out.trim().is_empty()
    });
}

#[test]
fn a_schedule_that_does_not_parse_is_refused_at_its_field() {
    let k = Kubectl::start();
    let refused = k.run(&[
        "create",
        "cronjob",
        "bad",
        "--image=busybox",
        "--schedule=every day",
    ]);
    assert!(!refused.ok);
    assert!(
        refused.stderr.contains("spec.schedule")
            && refused.stderr.contains("expected exactly 5 fields"),
        "{}",
        refused.stderr
    );
    let always = k.file("always.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: always\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers:\n      - name: c\n        image: busybox\n");
    let refused = k.run(&["apply", "-f", always.to_str().unwrap_or_default()]);
    assert!(
        refused.stderr.contains("spec.template.spec.restartPolicy"),
        "{}",
        refused.stderr
    );
}
