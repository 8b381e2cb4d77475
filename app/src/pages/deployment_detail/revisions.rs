//! The Revisions tab: every ReplicaSet the Deployment keeps, newest first, a rollback to
//! any older one, and a diff between two revisions' templates.

use leptos::prelude::*;
use stylers::style;

use super::actions::failure_text;
use super::Workload;
use crate::api::model::{age, Deployment, ReplicaSet};
use crate::api::{get_json, paths, put_json};
use crate::components::{ConfirmDialog, Followed, Outcome, OutcomeLine};
use crate::edits::{self, DiffLine};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The tab: the Deployment's ReplicaSets, followed live.
#[component]
pub fn RevisionsTab(workload: Workload) -> impl IntoView {
    let path = Signal::derive(move || {
        let selector = workload.current.with(Deployment::pod_selector);
        paths::replica_sets_matching(&workload.namespace.get(), &selector)
    });
    view! { <Followed path render=move |sets| view! { <Revisions sets workload/> }/> }
}

#[component]
fn Revisions(sets: LiveList<ReplicaSet>, workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let sets = Memo::new(move |_| {
        let mut sets = sets.items.get();
        sets.sort_by_key(|rs| std::cmp::Reverse(rs.revision()));
        sets
    });
    let newest = move || sets.with(|s| s.first().map(ReplicaSet::revision));
    let to_roll_back = RwSignal::new(None::<ReplicaSet>);
    let outcome = RwSignal::new(Outcome::None);
    let confirm = Callback::new(move |()| {
        let Some(rs) = to_roll_back.get_untracked() else {
            return;
        };
        to_roll_back.set(None);
        let path = workload.path();
        let read = get_json::<serde_json::Value>(path.clone());
        leptos::task::spawn_local(async move {
            let result = async {
                let rolled = edits::rolled_back(&read.await?, &rs.spec.template);
                put_json(path, &rolled).await
            };
            outcome.set(Some(match result.await {
                Ok(_) => {
                    Ok(t_string!(i18n, rolled_back_done, revision = rs.revision()).to_string())
                }
                Err(e) => Err(failure_text(i18n, &e)),
            }));
        });
    });
    let cancel = Callback::new(move |()| to_roll_back.set(None));
    view! {
        <OutcomeLine outcome/>
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, tab_revisions)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_revision)}</th>
                    <th scope="col">{t!(i18n, col_image)}</th>
                    <th scope="col">{t!(i18n, col_pods)}</th>
                    <th scope="col">{t!(i18n, col_age)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || sets.get() key=|rs| rs.metadata.resource_version.clone() let:rs>
                    {
                        let revision = rs.revision();
                        let created = rs.metadata.creation_timestamp.clone();
                        let pods = format!("{}/{}", rs.status.ready_replicas, rs.desired());
                        let images = rs.images();
                        view! {
                            <tr>
                                <td>{revision}</td>
                                <td>{images}</td>
                                <td>{pods}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                                <td>
                                    {move || if newest() == Some(revision) {
                                        view! { <span>{t!(i18n, current_revision)}</span> }.into_any()
                                    } else {
                                        let rs = rs.clone();
                                        view! {
                                            <button type="button" class="button link"
                                                on:click=move |_| to_roll_back.set(Some(rs.clone()))>
                                                {t!(i18n, roll_back_to, revision)}
                                            </button>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        <RevisionDiff sets/>
        {move || to_roll_back.get().map(|rs| {
            let revision = rs.revision();
            view! {
                <ConfirmDialog
                    title=Signal::derive(move || t_string!(i18n, confirm_roll_back, revision).to_string())
                    detail=Signal::derive(move || t_string!(i18n, roll_back_hint).to_string())
                    confirm_label=Signal::derive(move || t_string!(i18n, roll_back).to_string())
                    on_confirm=confirm
                    on_cancel=cancel/>
            }
        })}
    }
}

/// Two revision pickers and the line diff of their templates.
#[component]
fn RevisionDiff(sets: Memo<Vec<ReplicaSet>>) -> impl IntoView {
    let i18n = use_i18n();
    // Defaults: the previous revision against the newest.
    let older = RwSignal::new(None::<i64>);
    let newer = RwSignal::new(None::<i64>);
    let chosen = move |pick: RwSignal<Option<i64>>, fallback: usize| {
        pick.get()
            .or_else(|| sets.with(|s| s.get(fallback).map(ReplicaSet::revision)))
    };
    let template = move |revision: Option<i64>| {
        sets.with(|s| {
            s.iter()
                .find(|rs| Some(rs.revision()) == revision)
                .map(|rs| rs.spec.template.clone())
        })
    };
    let lines = move || match (template(chosen(older, 1)), template(chosen(newer, 0))) {
        (Some(a), Some(b)) => edits::line_diff(&a, &b),
        _ => Vec::new(),
    };
    let picker = move |id: &'static str,
                       label: Signal<String>,
                       pick: RwSignal<Option<i64>>,
                       fallback: usize| {
        view! {
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| pick.set(event_target_value(&ev).parse().ok())>
                {move || sets.get().into_iter().map(|rs| {
                    let r = rs.revision();
                    view! { <option value=r.to_string() selected=move || chosen(pick, fallback) == Some(r)>{r}</option> }
                }).collect_view()}
            </select>
        }
    };
    let class = style! {
        .diff {
            font-family: var(--mono);
            font-size: 0.85rem;
            background: var(--surface);
            border: 1px solid var(--border);
            padding: 0.5rem;
            overflow: auto;
            max-height: 24rem;
        }
        .removed {
            background: var(--tone-bad-bg);
            color: var(--tone-bad-fg);
        }
        .added {
            background: var(--tone-good-bg);
            color: var(--tone-good-fg);
        }
        .pickers {
            display: flex;
            gap: 0.5rem;
            align-items: center;
            margin: 0.5rem 0;
        }
    };
    view! { class = class,
        <h2>{t!(i18n, compare_revisions)}</h2>
        <div class="pickers">
            {picker("diff-older", Signal::derive(move || t_string!(i18n, diff_from).to_string()), older, 1)}
            {picker("diff-newer", Signal::derive(move || t_string!(i18n, diff_to).to_string()), newer, 0)}
        </div>
        <pre class="diff" role="region" aria-label=move || t_string!(i18n, differences) tabindex="0">
            {move || lines().into_iter().map(|line| match line {
                DiffLine::Same(l) => view! { class = class, <div>{format!("  {l}")}</div> }.into_any(),
                DiffLine::Removed(l) => view! { class = class, <div class="removed">{format!("- {l}")}</div> }.into_any(),
                DiffLine::Added(l) => view! { class = class, <div class="added">{format!("+ {l}")}</div> }.into_any(),
            }).collect_view()}
        </pre>
    }
}
