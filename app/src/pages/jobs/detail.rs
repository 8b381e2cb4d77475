//! `/namespaces/:ns/jobs/:name`: one Job, live: its state, completions and duration,
//! why it failed, and its pods.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{job_duration, job_state};
use crate::api::model::list_query::ListQuery;
use crate::api::model::pod_query::{PodColumn, StatusFilter};
use crate::api::model::{Job, Pod};
use crate::api::paths;
use crate::components::{Card, FactList, Followed, FollowedObject, PodTable, StatusBadge};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The page: the Job followed live, then its pods followed live.
#[component]
pub fn JobDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let path = Signal::derive(move || paths::batch_named(&namespace.get(), "jobs", &name.get()));
    let pods_path = Signal::derive(move || {
        let selector = Job::selector_for(&name.get());
        paths::pods_matching(&namespace.get(), &selector)
    });
    let pod_query = RwSignal::new(ListQuery::<PodColumn>::default());
    let pods = move |pods: LiveList<Pod>| {
        view! { <PodTable pods namespace=namespace.get_untracked() query=pod_query status=StatusFilter::All/> }
    };
    let body = move |job: Memo<Option<Job>>| {
        view! {
            <JobState job/>
            <h2>{t!(i18n, job_pods)}</h2>
            <Followed path=pods_path render=pods/>
        }
    };
    let missing =
        |i: crate::I18n, name: String| t_string!(i, job_not_found, name = name).to_string();
    view! { <FollowedObject name path missing body/> }
}

/// The Job's state, why it failed, and its progress, as it is now.
#[component]
fn JobState(job: Memo<Option<Job>>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let read =
        move |f: fn(&Job) -> String| move || job.with(|j| j.as_ref().map(f).unwrap_or_default());
    let state = Memo::new(move |_| job.with(|j| j.as_ref().map(Job::state).unwrap_or("Running")));
    let word = Signal::derive(move || job_state(i18n, state.get()).0);
    let tone = Signal::derive(move || job_state(i18n, state.get()).1);
    let failure = move || job.with(|j| j.as_ref().and_then(Job::failure));
    let indexes = move || job.with(|j| j.as_ref().and_then(|j| j.status.completed_indexes.clone()));
    let duration = move || {
        job.with(|j| {
            j.as_ref()
                .map(|j| job_duration(i18n, j, now.get()))
                .unwrap_or_default()
        })
    };
    view! {
        <p><StatusBadge text=word tone=tone/></p>
        {move || failure().map(|message| view! { <p role="alert" class="error">{message}</p> })}
        <Card title=Signal::derive(move || t_string!(i18n, job_summary).to_string())>
            <FactList facts=vec![
                (t!(i18n, col_completions).into_any(), read(Job::completions).into_any()),
                (t!(i18n, parallelism).into_any(), read(|j| j.spec.parallelism.unwrap_or(1).to_string()).into_any()),
                (t!(i18n, job_failures).into_any(), read(|j| format!("{} / {}", j.status.failed, j.spec.backoff_limit.unwrap_or(6))).into_any()),
                (t!(i18n, col_duration).into_any(), duration.into_any()),
                (t!(i18n, job_indexes).into_any(), (move || indexes().unwrap_or_else(|| "-".to_owned())).into_any()),
            ]/>
        </Card>
    }
}
