//! The Revisions tab: every revision the workload keeps (a Deployment's ReplicaSets, a
//! set's ControllerRevisions), newest first, a rollback to any older one (the
//! workload PUT back with that revision's template), and a diff between two
//! revisions' templates.

use leptos::prelude::*;
use stylers::style;

use super::actions::failure_text;
use super::Workload;
use crate::api::model::{ControllerRevision, Pod, ReplicaSet, WorkloadKind};
use crate::api::{get_json, paths, put_json};
use crate::components::{ConfirmDialog, Followed, Outcome, OutcomeLine};
use crate::edits::{self, DiffLine};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The label a set's pods carry naming their revision (upstream's
/// `controller-revision-hash`: a StatefulSet's pods the revision's name, a DaemonSet's
/// its hash).
const REVISION_LABEL: &str = "controller-revision-hash";

/// One revision as the tab shows it, whatever object holds it.
#[derive(Debug, Clone, PartialEq)]
struct Revision {
    /// Its number.
    number: i64,
    /// Its object's name and version: what the rows are keyed by.
    key: (String, String),
    /// Its template's images.
    images: String,
    /// Its pods: ready/desired for a ReplicaSet, a count for a ControllerRevision.
    pods: String,
    /// When it was created.
    created: Option<String>,
    /// The pod template it holds.
    template: serde_json::Value,
}

fn from_replica_set(rs: &ReplicaSet) -> Revision {
    Revision {
        number: rs.revision(),
        key: (
            rs.metadata.name.clone(),
            rs.metadata.resource_version.clone(),
        ),
        images: rs.images(),
        pods: format!("{}/{}", rs.status.ready_replicas, rs.desired()),
        created: rs.metadata.creation_timestamp.clone(),
        template: rs.spec.template.clone(),
    }
}

fn from_controller_revision(rev: &ControllerRevision, pods: usize) -> Revision {
    let template = rev.template();
    let images: Vec<&str> = template["spec"]["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["image"].as_str())
        .collect();
    Revision {
        number: rev.revision,
        key: (
            rev.metadata.name.clone(),
            rev.metadata.resource_version.clone(),
        ),
        images: images.join(", "),
        pods: pods.to_string(),
        created: rev.metadata.creation_timestamp.clone(),
        template,
    }
}

/// How many of `pods` run the set's revision `rev`.
fn running(rev: &ControllerRevision, pods: &[Pod]) -> usize {
    let hash = rev.metadata.labels.get(REVISION_LABEL);
    pods.iter()
        .filter(|p| {
            let label = p.metadata.labels.get(REVISION_LABEL);
            label.is_some() && (label == Some(&rev.metadata.name) || label == hash)
        })
        .count()
}

/// The tab: the workload's revisions, followed live.
#[component]
pub fn RevisionsTab(workload: Workload) -> impl IntoView {
    let selector = move || workload.current.with(|w| w.pod_selector());
    match workload.kind {
        WorkloadKind::Deployment => {
            let path = Signal::derive(move || {
                paths::replica_sets_matching(&workload.namespace.get(), &selector())
            });
            let render = move |sets: LiveList<ReplicaSet>| {
                let revisions = Memo::new(move |_| {
                    sets.items
                        .with(|s| s.iter().map(from_replica_set).collect::<Vec<_>>())
                });
                view! { <Revisions revisions workload/> }
            };
            view! { <Followed path render/> }.into_any()
        }
        _ => {
            let path = Signal::derive(move || {
                paths::controller_revisions_matching(&workload.namespace.get(), &selector())
            });
            let render = move |revs: LiveList<ControllerRevision>| {
                let revisions = Memo::new(move |_| {
                    let name = workload.name.get();
                    revs.items.with(|all| {
                        workload.pods.items.with(|pods| {
                            all.iter()
                                .filter(|r| r.belongs_to(&name))
                                .map(|r| from_controller_revision(r, running(r, pods)))
                                .collect::<Vec<_>>()
                        })
                    })
                });
                view! { <Revisions revisions workload/> }
            };
            view! { <Followed path render/> }.into_any()
        }
    }
}

#[component]
fn Revisions(revisions: Memo<Vec<Revision>>, workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let sets = Memo::new(move |_| {
        let mut sets = revisions.get();
        sets.sort_by_key(|r| std::cmp::Reverse(r.number));
        sets
    });
    let newest = move || sets.with(|s| s.first().map(|r| r.number));
    let to_roll_back = RwSignal::new(None::<Revision>);
    let outcome = RwSignal::new(Outcome::None);
    let confirm = Callback::new(move |()| {
        let Some(rev) = to_roll_back.get_untracked() else {
            return;
        };
        to_roll_back.set(None);
        let path = workload.path();
        let read = get_json::<serde_json::Value>(path.clone());
        leptos::task::spawn_local(async move {
            let result = async {
                let rolled = edits::rolled_back(&read.await?, &rev.template);
                put_json(path, &rolled).await
            };
            outcome.set(Some(match result.await {
                Ok(_) => Ok(t_string!(i18n, rolled_back_done, revision = rev.number).to_string()),
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
                <For each=move || sets.get() key=|r| r.key.clone() let:rev>
                    {
                        let revision = rev.number;
                        let created = rev.created.clone();
                        view! {
                            <tr>
                                <td>{revision}</td>
                                <td>{rev.images.clone()}</td>
                                <td>{rev.pods.clone()}</td>
                                <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
                                <td>
                                    {move || if newest() == Some(revision) {
                                        view! { <span>{t!(i18n, current_revision)}</span> }.into_any()
                                    } else {
                                        let rev = rev.clone();
                                        view! {
                                            <button type="button" class="button link"
                                                on:click=move |_| to_roll_back.set(Some(rev.clone()))>
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
        {move || to_roll_back.get().map(|rev| {
            let revision = rev.number;
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
fn RevisionDiff(sets: Memo<Vec<Revision>>) -> impl IntoView {
    let i18n = use_i18n();
    // Defaults: the previous revision against the newest.
    let older = RwSignal::new(None::<i64>);
    let newer = RwSignal::new(None::<i64>);
    let chosen = move |pick: RwSignal<Option<i64>>, fallback: usize| {
        pick.get()
            .or_else(|| sets.with(|s| s.get(fallback).map(|r| r.number)))
    };
    let template = move |revision: Option<i64>| {
        sets.with(|s| {
            s.iter()
                .find(|r| Some(r.number) == revision)
                .map(|r| r.template.clone())
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
                    let r = rs.number;
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
