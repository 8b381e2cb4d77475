//! `/namespaces/:ns/cronjobs`: the CronJobs of a namespace (or of all), live: schedule,
//! state, running Jobs and the last run; each name leads to its detail; each row can run now (a Job from its
//! template, as `kubectl create job --from=cronjob/…`), be suspended or resumed, and
//! be deleted.

mod detail;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::access::{may, Question};
use crate::api::cluster::in_cluster;
use crate::api::model::list_query::ListQuery;
use crate::api::model::{CronJob, CronJobColumn, Tone};
use crate::api::{merge_patch, paths, post_json};
use crate::components::{
    being_deleted, home_of, uid_and_version, use_url_query, Deletion, Outcome, OutcomeLine,
    ResourcePage, ResourceTable, StatusBadge,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use crate::I18n;

pub use detail::CronJobDetailPage;

fn title(i18n: I18n) -> String {
    t_string!(i18n, nav_cron_jobs).to_string()
}

/// The page: heading, search, what the last action did, and the live table.
#[component]
pub fn CronJobsPage() -> impl IntoView {
    let query = use_url_query::<ListQuery<CronJobColumn>>();
    let outcome = RwSignal::new(Outcome::None);
    view! {
        <ResourcePage title plural="cronjobs" query search_id="cron-job-search"
            collection=paths::batch_collection
            lead=move || view! { <OutcomeLine outcome/> }
            search_label=|i| t_string!(i, search_cron_jobs).to_string()
            table=move |cron_jobs, namespace| view! { <CronJobTable cron_jobs query namespace outcome/> }/>
    }
}

fn header(i18n: I18n, column: CronJobColumn) -> String {
    match column {
        CronJobColumn::Name => t_string!(i18n, col_name),
        CronJobColumn::Namespace => t_string!(i18n, namespace),
        CronJobColumn::Schedule => t_string!(i18n, col_schedule),
        CronJobColumn::Active => t_string!(i18n, col_active),
        CronJobColumn::LastSchedule => t_string!(i18n, col_last_schedule),
        CronJobColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
}

#[component]
fn CronJobTable(
    cron_jobs: LiveList<CronJob>,
    query: RwSignal<ListQuery<CronJobColumn>>,
    namespace: String,
    outcome: RwSignal<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let all = paths::is_all_namespaces(&namespace);
    let columns: Vec<_> = [
        CronJobColumn::Name,
        CronJobColumn::Namespace,
        CronJobColumn::Schedule,
        CronJobColumn::Active,
        CronJobColumn::LastSchedule,
        CronJobColumn::Age,
    ]
    .into_iter()
    .filter(|c| all || *c != CronJobColumn::Namespace)
    .collect();
    let cells_namespace = namespace.clone();
    let cells = move |row: Memo<CronJob>| {
        let cron_job = row.get_untracked();
        let (word, tone) = if cron_job.suspended() {
            (t_string!(i18n, state_suspended).to_string(), Tone::Idle)
        } else {
            (t_string!(i18n, state_scheduled).to_string(), Tone::Good)
        };
        let zone = cron_job.spec.time_zone.clone();
        let created = cron_job.metadata.creation_timestamp.clone();
        let last = cron_job.status.last_schedule_time.clone();
        let home = home_of(&cron_job.metadata.namespace, &cells_namespace);
        let href = in_cluster(&format!(
            "/namespaces/{home}/cronjobs/{}",
            cron_job.metadata.name
        ));
        view! {
            <td><A href=href>{cron_job.metadata.name.clone()}</A></td>
            {all.then(|| view! { <td>{cron_job.metadata.namespace.clone()}</td> })}
            <td>
                <code>{cron_job.spec.schedule.clone()}</code>
                {zone.map(|z| view! { " " <span class="muted">{z}</span> })}
                " " <StatusBadge text=word tone=tone/>
            </td>
            <td>{cron_job.status.active.len()}</td>
            <td>{move || match last.as_deref() {
                Some(at) => crate::words::age(i18n, Some(at), now.get()),
                None => t_string!(i18n, never_run).to_string(),
            }}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let page_namespace = namespace.clone();
    let actions = Callback::new(move |row: Memo<CronJob>| {
        let cron_job = row.get_untracked();
        let home = home_of(&cron_job.metadata.namespace, &page_namespace);
        view! { <CronJobActions cron_job home outcome/> }.into_any()
    });
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_cron_job, name = name).to_string(),
        hint: |i| t_string!(i, delete_cron_job_hint).to_string(),
        path: |ns, name| paths::batch_object(ns, "cronjobs", name),
        going: being_deleted,
        resource: ("batch", "cronjobs"),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=cron_jobs query namespace columns cells delete actions
            caption=title key=uid_and_version
            shown=|i, shown, total| t_string!(i, cron_jobs_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_cron_jobs).to_string()/>
    }
}

/// Run now, and Suspend or Resume, for one CronJob; each offered to a user who may.
#[component]
fn CronJobActions(cron_job: CronJob, home: String, outcome: RwSignal<Outcome>) -> impl IntoView {
    let i18n = use_i18n();
    let name = cron_job.metadata.name.clone();
    // A user who may not sees each disabled, with why as its title.
    let ask = |verb: &'static str, resource: &str| {
        let question = Question {
            verb,
            group: "batch",
            resource: resource.to_owned(),
            subresource: "",
            namespace: home.clone(),
        };
        let allowed = may(question.clone());
        let why = move || (!allowed.get()).then(|| crate::words::refusal(i18n, &question));
        (allowed, why)
    };
    let (may_run, run_refusal) = ask("create", "jobs");
    let (may_patch, patch_refusal) = ask("patch", "cronjobs");
    let run = {
        let (job, path) = (cron_job.manual_run(), paths::workloads(&home, "Job"));
        move |_| {
            let request = post_json(path.clone(), &job);
            leptos::task::spawn_local(async move {
                outcome.set(Some(match request.await {
                    Ok(created) => {
                        let name = created["metadata"]["name"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned();
                        Ok(t_string!(i18n, run_started, name = name).to_string())
                    }
                    Err(e) => Err(e.to_string()),
                }));
            });
        }
    };
    let suspended = cron_job.suspended();
    let toggle = {
        let path = paths::batch_object(&home, "cronjobs", &name);
        move |_| {
            let request = merge_patch(path.clone(), &CronJob::suspend_patch(!suspended));
            leptos::task::spawn_local(async move {
                if let Err(e) = request.await {
                    outcome.set(Some(Err(e.to_string())));
                }
            });
        }
    };
    let run_label = t_string!(i18n, run_now_label, name = name.clone()).to_string();
    let toggle_label = if suspended {
        t_string!(i18n, resume_label, name = name.clone()).to_string()
    } else {
        t_string!(i18n, suspend_label, name = name.clone()).to_string()
    };
    view! {
        <button type="button" class="button link" aria-label=run_label
            disabled=move || !may_run.get() title=run_refusal on:click=run>
            {t!(i18n, run_now)}
        </button>
        <button type="button" class="button link" aria-label=toggle_label
            disabled=move || !may_patch.get() title=patch_refusal on:click=toggle>
            {move || if suspended { t_string!(i18n, resume).to_string() } else { t_string!(i18n, suspend).to_string() }}
        </button>
    }
}
