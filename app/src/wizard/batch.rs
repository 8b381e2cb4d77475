//! A Job's or CronJob's own fields in the wizard, as typed, and the manifest they make
//! around the pod template the rest of the wizard builds.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::text::number;

/// What a Job (or each run of a CronJob) is told, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchDraft {
    /// Pods that must succeed; empty for a work queue.
    pub completions: String,
    /// Pods run at a time.
    pub parallelism: String,
    /// Failures allowed before the Job fails.
    pub backoff_limit: String,
    /// Never or OnFailure.
    pub restart_policy: String,
    /// CronJob: the cron schedule.
    pub schedule: String,
    /// CronJob: the IANA time zone it is read in (empty: the cluster's).
    pub time_zone: String,
    /// CronJob: Allow, Forbid or Replace.
    pub concurrency_policy: String,
}

impl Default for BatchDraft {
    fn default() -> Self {
        BatchDraft {
            completions: "1".to_owned(),
            parallelism: "1".to_owned(),
            backoff_limit: "6".to_owned(),
            restart_policy: "Never".to_owned(),
            schedule: "0 * * * *".to_owned(),
            time_zone: String::new(),
            concurrency_policy: "Allow".to_owned(),
        }
    }
}

/// Whether `kind` is one of the batch kinds.
pub fn is_batch(kind: &str) -> bool {
    rules::workload::batch::KINDS.contains(&kind)
}

/// Where the form shows the field at a manifest's `path`: a CronJob's Job fields
/// (`spec.jobTemplate.spec.completions`) at the Job's (`spec.completions`), so the
/// one form, and its steps, serve both kinds.
pub fn form_path(path: &str) -> String {
    match path.strip_prefix("spec.jobTemplate.") {
        Some(rest) => rest.to_owned(),
        None => path.to_owned(),
    }
}

/// The Job spec around `template`, whose pod gets the restart policy.
fn job_spec(batch: &BatchDraft, mut template: Value) -> Value {
    template["spec"]["restartPolicy"] = json!(batch.restart_policy);
    let mut spec = Map::new();
    for (key, text) in [
        ("completions", &batch.completions),
        ("parallelism", &batch.parallelism),
        ("backoffLimit", &batch.backoff_limit),
    ] {
        if let Some(value) = number(text) {
            spec.insert(key.to_owned(), value);
        }
    }
    spec.insert("template".to_owned(), template);
    Value::Object(spec)
}

/// The Job or CronJob manifest of `kind`.
pub fn manifest(kind: &str, batch: &BatchDraft, metadata: Value, template: Value) -> Value {
    let job = job_spec(batch, template);
    let spec = if kind == "CronJob" {
        let mut spec = json!({
            "schedule": batch.schedule.trim(),
            "concurrencyPolicy": batch.concurrency_policy,
            "jobTemplate": {"spec": job},
        });
        if !batch.time_zone.trim().is_empty() {
            spec["timeZone"] = json!(batch.time_zone.trim());
        }
        spec
    } else {
        job
    };
    json!({
        "apiVersion": "batch/v1",
        "kind": kind,
        "metadata": metadata,
        "spec": spec,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cron_job_wraps_the_job_and_the_shared_rules_accept_it() {
        let template = json!({"metadata": {"labels": {"app": "report"}}, "spec": {
            "containers": [{"name": "c", "image": "busybox"}]}});
        let metadata = json!({"name": "report", "namespace": "default"});
        let batch = BatchDraft {
            time_zone: "Europe/Berlin".into(),
            ..BatchDraft::default()
        };
        let cron = manifest("CronJob", &batch, metadata.clone(), template.clone());
        assert_eq!(
            cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"],
            "Never"
        );
        assert_eq!(cron["spec"]["timeZone"], "Europe/Berlin");
        let findings = rules::validate_workload(&cron, rules::Context::default());
        assert!(findings.errors.is_empty(), "{:?}", findings.errors);
        let job = manifest(
            "Job",
            &BatchDraft {
                completions: String::new(),
                ..batch
            },
            metadata,
            template,
        );
        assert!(job["spec"].get("completions").is_none(), "a work queue");
        assert_eq!(job["spec"]["backoffLimit"], 6);
    }
}
