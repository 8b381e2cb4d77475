//! Jobs and CronJobs as their lists show them: state, completions, schedule; and the
//! Job a CronJob's "Run now" creates.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::list_query::{by_age, Sortable};
use super::{unix_seconds, Condition, Meta};

/// A Job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Job {
    /// Its metadata.
    pub metadata: Meta,
    /// What it asks for.
    pub spec: JobSpec,
    /// How far it got.
    pub status: JobStatus,
}

/// The parts of a Job's spec the console shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobSpec {
    /// Successes wanted (none: a work queue, done at its first success).
    pub completions: Option<i32>,
    /// Pods run at a time.
    pub parallelism: Option<i32>,
    /// Failures allowed.
    pub backoff_limit: Option<i32>,
    /// NonIndexed or Indexed.
    pub completion_mode: Option<String>,
    /// Whether it is suspended.
    pub suspend: Option<bool>,
}

/// A Job's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobStatus {
    /// Pods running.
    pub active: i32,
    /// Pods that succeeded.
    pub succeeded: i32,
    /// Pods that failed.
    pub failed: i32,
    /// When it started (RFC 3339).
    pub start_time: Option<String>,
    /// When it completed.
    pub completion_time: Option<String>,
    /// An Indexed Job's completed indexes (`0-2,5`).
    pub completed_indexes: Option<String>,
    /// Complete, Failed, Suspended….
    pub conditions: Vec<Condition>,
}

impl Job {
    /// Its state in kubectl's word (`Running`, `Complete`, `Failed`, `Suspended`).
    pub fn state(&self) -> &'static str {
        let holds = |kind: &str| {
            self.status
                .conditions
                .iter()
                .any(|c| c.kind == kind && c.status == "True")
        };
        rules::workload::batch::job_status(holds, self.metadata.deletion_timestamp.is_some())
    }

    /// kubectl's COMPLETIONS cell.
    pub fn completions(&self) -> String {
        rules::workload::batch::completions_text(
            self.status.succeeded,
            self.spec.completions,
            self.spec.parallelism,
        )
    }

    /// Seconds from its start to its completion (or to `now` while it runs).
    pub fn duration_seconds(&self, now: i64) -> Option<i64> {
        let start = unix_seconds(self.status.start_time.as_deref()?)?;
        let end = match self.status.completion_time.as_deref() {
            Some(end) => unix_seconds(end)?,
            None => now,
        };
        Some((end - start).max(0))
    }

    /// The message of its ending condition, when it failed.
    pub fn failure(&self) -> Option<String> {
        self.status
            .conditions
            .iter()
            .find(|c| c.kind == "Failed" && c.status == "True")
            .and_then(|c| c.message.clone())
    }

    /// The `labelSelector` query for the pods of the Job `name` (the label its
    /// controller gives them).
    pub fn selector_for(name: &str) -> String {
        format!("batch.kubernetes.io/job-name={name}")
    }
}

/// The columns of the Job list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobColumn {
    /// The name.
    #[default]
    Name,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// Its state.
    Status,
    /// Successes of those wanted.
    Completions,
    /// How long it ran.
    Duration,
    /// When it was created.
    Age,
}

impl Sortable for Job {
    type Column = JobColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {}",
            self.metadata.name,
            self.metadata.namespace,
            self.state()
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: JobColumn) -> Ordering {
        match column {
            JobColumn::Name => self.metadata.name.cmp(&other.metadata.name),
            JobColumn::Namespace => self.metadata.namespace.cmp(&other.metadata.namespace),
            JobColumn::Status => self.state().cmp(other.state()),
            JobColumn::Completions => self.status.succeeded.cmp(&other.status.succeeded),
            JobColumn::Duration => self.duration_seconds(0).cmp(&other.duration_seconds(0)),
            JobColumn::Age => by_age(
                self.metadata.creation_timestamp.as_deref(),
                other.metadata.creation_timestamp.as_deref(),
            ),
        }
    }
}

/// A CronJob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJob {
    /// Its metadata.
    pub metadata: Meta,
    /// Its schedule and template.
    pub spec: CronJobSpec,
    /// Its runs.
    pub status: CronJobStatus,
}

/// A CronJob's spec: the schedule, and the Job template kept whole for "Run now".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJobSpec {
    /// The cron schedule.
    pub schedule: String,
    /// The time zone it is read in (the cluster's when none).
    pub time_zone: Option<String>,
    /// Whether runs are suspended.
    pub suspend: Option<bool>,
    /// Allow, Forbid or Replace.
    pub concurrency_policy: Option<String>,
    /// The Job each run creates.
    pub job_template: Value,
}

/// A CronJob's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronJobStatus {
    /// The Jobs running.
    pub active: Vec<Value>,
    /// When a run was last started (RFC 3339).
    pub last_schedule_time: Option<String>,
    /// When a run last succeeded.
    pub last_successful_time: Option<String>,
}

impl CronJob {
    /// Whether its runs are suspended.
    pub fn suspended(&self) -> bool {
        self.spec.suspend == Some(true)
    }

    /// The Job "Run now" creates, as `kubectl create job --from=cronjob/<name>` does:
    /// its template, marked as started by hand and owned by the CronJob.
    pub fn manual_run(&self) -> Value {
        let template = &self.spec.job_template;
        let name = &self.metadata.name;
        json!({
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": {
                "generateName": format!("{name}-manual-"),
                "namespace": self.metadata.namespace,
                "labels": template["metadata"]["labels"],
                "annotations": {"cronjob.kubernetes.io/instantiate": "manual"},
                "ownerReferences": [{
                    "apiVersion": "batch/v1",
                    "kind": "CronJob",
                    "name": name,
                    "uid": self.metadata.uid,
                    "controller": true,
                    "blockOwnerDeletion": true,
                }],
            },
            "spec": template["spec"],
        })
    }

    /// The merge patch that suspends or resumes it.
    pub fn suspend_patch(suspend: bool) -> Value {
        json!({"spec": {"suspend": suspend}})
    }
}

/// The columns of the CronJob list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CronJobColumn {
    /// The name.
    #[default]
    Name,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// The schedule.
    Schedule,
    /// Jobs running.
    Active,
    /// When a run last started.
    LastSchedule,
    /// When it was created.
    Age,
}

impl Sortable for CronJob {
    type Column = CronJobColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {}",
            self.metadata.name, self.metadata.namespace, self.spec.schedule
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: CronJobColumn) -> Ordering {
        match column {
            CronJobColumn::Name => self.metadata.name.cmp(&other.metadata.name),
            CronJobColumn::Namespace => self.metadata.namespace.cmp(&other.metadata.namespace),
            CronJobColumn::Schedule => self.spec.schedule.cmp(&other.spec.schedule),
            CronJobColumn::Active => self.status.active.len().cmp(&other.status.active.len()),
            CronJobColumn::LastSchedule => by_age(
                self.status.last_schedule_time.as_deref(),
                other.status.last_schedule_time.as_deref(),
            ),
            CronJobColumn::Age => by_age(
                self.metadata.creation_timestamp.as_deref(),
                other.metadata.creation_timestamp.as_deref(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_run_is_the_template_owned_by_the_cron_job() {
        let cron: CronJob = serde_json::from_value(json!({
            "metadata": {"name": "nightly", "namespace": "team", "uid": "u-1"},
            "spec": {"schedule": "0 3 * * *", "jobTemplate": {
                "metadata": {"labels": {"app": "nightly"}},
                "spec": {"backoffLimit": 2, "template": {"spec": {"restartPolicy": "Never"}}}
            }}
        }))
        .expect("a cronjob");
        let job = cron.manual_run();
        assert_eq!(job["metadata"]["generateName"], "nightly-manual-");
        assert_eq!(job["metadata"]["ownerReferences"][0]["uid"], "u-1");
        assert_eq!(job["metadata"]["labels"]["app"], "nightly");
        assert_eq!(job["spec"]["backoffLimit"], 2);
    }

    #[test]
    fn a_jobs_state_and_completions_read_as_kubectl_prints_them() {
        let job: Job = serde_json::from_value(json!({
            "metadata": {"name": "pi"},
            "spec": {"completions": 3, "parallelism": 2},
            "status": {"succeeded": 3, "startTime": "2026-01-01T00:00:00Z",
                "completionTime": "2026-01-01T00:00:42Z",
                "conditions": [{"type": "Complete", "status": "True"}]}
        }))
        .expect("a job");
        assert_eq!(
            (job.state(), job.completions()),
            ("Complete", "3/3".to_owned())
        );
        assert_eq!(job.duration_seconds(0), Some(42));
    }
}
