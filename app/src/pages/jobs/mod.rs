//! `/namespaces/:ns/jobs`: the Jobs of a namespace (or of all), live, with their state,
//! completions and duration; each name leads to its detail, each row has a confirmed
//! Delete.

mod detail;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::cluster::in_cluster;
use crate::api::model::list_query::ListQuery;
use crate::api::model::{unix_seconds, Job, JobColumn, Tone};
use crate::api::paths;
use crate::components::{
    being_deleted, home_of, uid_and_version, use_url_query, Deletion, ResourcePage, ResourceTable,
    StatusBadge,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use crate::I18n;

pub use detail::JobDetailPage;

fn title(i18n: I18n) -> String {
    t_string!(i18n, nav_jobs).to_string()
}

/// A Job's state in the reader's language, and its tone.
pub fn job_state(i18n: I18n, state: &str) -> (String, Tone) {
    match state {
        "Complete" => (t_string!(i18n, job_complete).to_string(), Tone::Good),
        "Failed" => (t_string!(i18n, job_failed).to_string(), Tone::Bad),
        "Suspended" => (t_string!(i18n, job_suspended).to_string(), Tone::Idle),
        "Terminating" => (t_string!(i18n, job_terminating).to_string(), Tone::Busy),
        _ => (t_string!(i18n, job_running).to_string(), Tone::Busy),
    }
}

/// How long a Job ran (or has been running), kubectl's way.
pub fn job_duration(i18n: I18n, job: &Job, now: i64) -> String {
    let end = job
        .status
        .completion_time
        .as_deref()
        .and_then(unix_seconds)
        .unwrap_or(now);
    match job.status.start_time.as_deref() {
        Some(start) => crate::words::age(i18n, Some(start), end),
        None => "-".to_owned(),
    }
}

/// The page: heading, search, and the live table.
#[component]
pub fn JobsPage() -> impl IntoView {
    let query = use_url_query::<ListQuery<JobColumn>>();
    view! {
        <ResourcePage title plural="jobs" query search_id="job-search"
            collection=paths::batch_collection
            search_label=|i| t_string!(i, search_jobs).to_string()
            table=move |jobs, namespace| view! { <JobTable jobs query namespace/> }/>
    }
}

fn header(i18n: I18n, column: JobColumn) -> String {
    match column {
        JobColumn::Name => t_string!(i18n, col_name),
        JobColumn::Namespace => t_string!(i18n, namespace),
        JobColumn::Status => t_string!(i18n, col_status),
        JobColumn::Completions => t_string!(i18n, col_completions),
        JobColumn::Duration => t_string!(i18n, col_duration),
        JobColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
}

/// Jobs, live, as the Jobs list shows them (a CronJob's page shows its own).
#[component]
pub fn JobTable(
    jobs: LiveList<Job>,
    query: RwSignal<ListQuery<JobColumn>>,
    namespace: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let all = paths::is_all_namespaces(&namespace);
    let page_namespace = namespace.clone();
    let columns: Vec<_> = [
        JobColumn::Name,
        JobColumn::Namespace,
        JobColumn::Status,
        JobColumn::Completions,
        JobColumn::Duration,
        JobColumn::Age,
    ]
    .into_iter()
    .filter(|c| all || *c != JobColumn::Namespace)
    .collect();
    let cells = move |row: Memo<Job>| {
        let job = row.get_untracked();
        let home = home_of(&job.metadata.namespace, &page_namespace);
        let href = in_cluster(&format!("/namespaces/{home}/jobs/{}", job.metadata.name));
        let (word, tone) = job_state(i18n, job.state());
        let created = job.metadata.creation_timestamp.clone();
        let duration = {
            let job = job.clone();
            move || job_duration(i18n, &job, now.get())
        };
        let (name, job_namespace, completions) = (
            job.metadata.name.clone(),
            job.metadata.namespace.clone(),
            job.completions(),
        );
        view! {
            <td><A href=href>{name}</A></td>
            {all.then(|| view! { <td>{job_namespace}</td> })}
            <td><StatusBadge text=word tone=tone/></td>
            <td>{completions}</td>
            <td>{duration}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_job, name = name).to_string(),
        hint: |i| t_string!(i, delete_job_hint).to_string(),
        path: |ns, name| paths::batch_object(ns, "jobs", name),
        going: being_deleted,
        resource: ("batch", "jobs"),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=jobs query namespace columns cells delete
            caption=title key=uid_and_version
            shown=|i, shown, total| t_string!(i, jobs_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_jobs).to_string()/>
    }
}
