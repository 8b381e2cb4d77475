//! kubectl's columns for Jobs and CronJobs (upstream's `printJob`, `printCronJob`).

use k8s_openapi::api::batch::v1::{CronJob, Job, JobCondition};
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::age::{human_duration, since_time};
use super::selector::selector_string;
use super::workloads::{layout, CONTAINERS, IMAGES};
use super::{name, Column, Printed, AGE, NAME};

const SELECTOR: Column = Column::text(
    "Selector",
    "A label query over pods that should match the pod count. Normally, the system sets this field for you.",
)
.wide();

/// The Status column's word, as the console's (one rule in `rules`).
fn status_word(job: &Job) -> &'static str {
    let conditions = job.status.as_ref().and_then(|s| s.conditions.as_ref());
    let holds = |kind: &str| {
        conditions
            .into_iter()
            .flatten()
            .any(|c: &JobCondition| c.type_ == kind && c.status == "True")
    };
    rules::workload::batch::job_status(holds, job.metadata.deletion_timestamp.is_some())
}

impl Printed for Job {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Status", "Status of the job."),
            Column::text(
                "Completions",
                "The number of pods which reached phase Succeeded.",
            ),
            Column::text("Duration", "Time required to complete the job."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.as_ref();
        let status = self.status.clone().unwrap_or_default();
        let succeeded = status.succeeded.unwrap_or(0);
        let completions = rules::workload::batch::completions_text(
            succeeded,
            spec.and_then(|s| s.completions),
            spec.and_then(|s| s.parallelism),
        );
        let duration = match (&status.start_time, &status.completion_time) {
            (None, _) => String::new(),
            (Some(start), None) => human_duration(now.duration_since(start.0).as_secs()),
            (Some(start), Some(end)) => human_duration(end.0.duration_since(start.0).as_secs()),
        };
        let [names, images] = layout(spec.map(|s| &s.template));
        vec![
            json!(name(self)),
            json!(status_word(self)),
            json!(completions),
            json!(duration),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            names,
            images,
            json!(selector_string(spec.and_then(|s| s.selector.as_ref()))),
        ]
    }
}

impl Printed for CronJob {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
            Column::text("Timezone", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
            Column {
                kind: "boolean",
                ..Column::text("Suspend", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.")
            },
            Column::number("Active", "A list of pointers to currently running jobs."),
            Column::text("Last Schedule", "Information when was the last time the job was successfully scheduled."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.clone().unwrap_or_default();
        let status = self.status.clone().unwrap_or_default();
        let suspend = match spec.suspend {
            Some(true) => "True",
            Some(false) => "False",
            None => "<unset>",
        };
        let last = match &status.last_schedule_time {
            Some(t) => since_time(Some(t), now),
            None => "<none>".to_owned(),
        };
        let job = spec.job_template.spec.as_ref();
        let [names, images] = layout(job.map(|s| &s.template));
        vec![
            json!(name(self)),
            json!(spec.schedule),
            json!(spec.time_zone.as_deref().unwrap_or("<none>")),
            json!(suspend),
            json!(status.active.as_ref().map_or(0, Vec::len)),
            json!(last),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            names,
            images,
            json!(selector_string(job.and_then(|s| s.selector.as_ref()))),
        ]
    }
}
