//! `/namespaces/:ns/cronjobs/:name`: one CronJob, live: its schedule and state, Run
//! now and Suspend or Resume, and the Jobs it started (those it owns), live.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use stylers::style;

use super::CronJobActions;
use crate::api::model::list_query::ListQuery;
use crate::api::model::{CronJob, Job, Tone};
use crate::api::paths;
use crate::components::{
    Card, FactList, Followed, FollowedObject, Outcome, OutcomeLine, StatusBadge,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use crate::pages::jobs::JobTable;

/// The page: the CronJob followed live, then the Jobs of its namespace it owns.
#[component]
pub fn CronJobDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let path =
        Signal::derive(move || paths::batch_named(&namespace.get(), "cronjobs", &name.get()));
    let jobs_path = Signal::derive(move || paths::batch_collection(&namespace.get(), "jobs"));
    let outcome = RwSignal::new(Outcome::None);
    let body = move |cron_job: Memo<Option<CronJob>>| {
        let uid = Memo::new(move |_| {
            cron_job.with(|c| {
                c.as_ref()
                    .map(|c| c.metadata.uid.clone())
                    .unwrap_or_default()
            })
        });
        let jobs = move |all: LiveList<Job>| view! { <OwnedJobs all uid namespace/> };
        view! {
            <OutcomeLine outcome/>
            <CronJobState cron_job outcome/>
            <h2>{t!(i18n, cron_job_runs)}</h2>
            <Followed path=jobs_path render=jobs/>
        }
    };
    let missing =
        |i: crate::I18n, name: String| t_string!(i, cron_job_not_found, name = name).to_string();
    view! { <FollowedObject name path missing body/> }
}

/// The Jobs of `all` that the CronJob with `uid` owns, as the Jobs list shows them.
#[component]
fn OwnedJobs(all: LiveList<Job>, uid: Memo<String>, namespace: Memo<String>) -> impl IntoView {
    let owned = move || {
        let uid = uid.get();
        all.items.with(|jobs| {
            jobs.iter()
                .filter(|j| j.metadata.owned_by(&uid))
                .cloned()
                .collect()
        })
    };
    let items = RwSignal::new(owned());
    Effect::new(move |_| items.set(owned()));
    let jobs = LiveList {
        items,
        connection: all.connection,
    };
    let query = RwSignal::new(ListQuery::default());
    view! { <JobTable jobs query namespace=namespace.get_untracked()/> }
}

/// The CronJob's state, schedule and last runs, with its actions.
#[component]
fn CronJobState(cron_job: Memo<Option<CronJob>>, outcome: RwSignal<Outcome>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let read = move |f: fn(&CronJob) -> Option<String>| {
        move || cron_job.with(|c| c.as_ref().and_then(f).unwrap_or_else(|| "-".to_owned()))
    };
    let suspended =
        Memo::new(move |_| cron_job.with(|c| c.as_ref().is_some_and(CronJob::suspended)));
    let word = Signal::derive(move || {
        if suspended.get() {
            t_string!(i18n, state_suspended).to_string()
        } else {
            t_string!(i18n, state_scheduled).to_string()
        }
    });
    let tone = Signal::derive(move || {
        if suspended.get() {
            Tone::Idle
        } else {
            Tone::Good
        }
    });
    let when = move |f: fn(&CronJob) -> Option<String>| {
        move || match cron_job.with(|c| c.as_ref().and_then(f)) {
            Some(at) => crate::words::age(i18n, Some(&at), now.get()),
            None => t_string!(i18n, never_run).to_string(),
        }
    };
    // The actions are made again when the CronJob changes (Suspend becomes Resume).
    let actions = move || {
        cron_job.get().map(|cron_job| {
            let home = cron_job.metadata.namespace.clone();
            view! { <CronJobActions cron_job home outcome/> }
        })
    };
    let class = style! {
        .actions {
            display: flex;
            gap: 0.5rem;
            align-items: center;
        }
    };
    view! { class = class,
        <p class="actions"><StatusBadge text=word tone=tone/> {actions}</p>
        <Card title=Signal::derive(move || t_string!(i18n, cron_job_summary).to_string())>
            <FactList facts=vec![
                (t!(i18n, col_schedule).into_any(), view! { <code>{read(|c| Some(c.spec.schedule.clone()))}</code> }.into_any()),
                (t!(i18n, col_time_zone).into_any(), read(|c| c.spec.time_zone.clone()).into_any()),
                (t!(i18n, col_concurrency).into_any(), read(|c| c.spec.concurrency_policy.clone()).into_any()),
                (t!(i18n, col_active).into_any(), read(|c| Some(c.status.active.len().to_string())).into_any()),
                (t!(i18n, col_last_schedule).into_any(), when(|c| c.status.last_schedule_time.clone()).into_any()),
                (t!(i18n, col_last_success).into_any(), when(|c| c.status.last_successful_time.clone()).into_any()),
            ]/>
        </Card>
    }
}
