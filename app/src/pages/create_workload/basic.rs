//! Step 1, Basic info: name, namespace (with inline create), description, pods and
//! pod type (SPEC §1.1).

use leptos::prelude::*;

use super::placement_form::ReplicaScheduling;
use super::run_form::RunCard;
use super::yaml_editor::YamlEditor;
use crate::api::model::{List, Namespace, Node};
use crate::api::{get_json, paths};
use crate::components::{Card, CardsField, Choice, CreateNamespace, SelectField, TextField};
use crate::i18n::*;
use crate::wizard::batch::is_batch;
use crate::wizard::settings::ClusterMode;
use crate::wizard::Wizard;
use rules::flavour::flavours;
use rules::workload::{
    is_gpu_namespace, offered_pod_types, pod_type_path, CLUSTER_LABEL, DESCRIPTION, KINDS,
};

/// The Basic info step.
#[component]
pub fn BasicStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    // Read in the browser only: the options are rendered outside a Suspense, so a
    // server-loaded resource would make the hydrated page differ from the served one.
    let namespaces = LocalResource::new(|| get_json::<List<Namespace>>(paths::namespaces()));
    // Whether the chosen namespace is a GPU one decides which pod types are allowed.
    Effect::new(move |_| {
        let chosen = wizard.draft.with(|d| d.namespace.clone());
        if let Some(Ok(list)) = namespaces.get() {
            let gpu = list
                .items
                .iter()
                .any(|n| n.metadata.name == chosen && is_gpu_namespace(&n.metadata.labels));
            wizard.gpu_namespace.set(gpu);
        }
    });
    let namespace_options = Signal::derive(move || {
        let mut names: Vec<String> = namespaces
            .get()
            .and_then(Result::ok)
            .map(|l| l.items.into_iter().map(|n| n.metadata.name).collect())
            .unwrap_or_default();
        let chosen = wizard.draft.with(|d| d.namespace.clone());
        if !names.contains(&chosen) {
            names.push(chosen);
        }
        names
            .into_iter()
            .map(|n| (n.clone(), n))
            .collect::<Vec<_>>()
    });
    // Offered from the nodes: a real cluster whose nodes name no pod type runs
    // general-purpose pods only.
    let nodes = LocalResource::new(|| get_json::<List<Node>>(paths::nodes()));
    let pod_types = Signal::derive(move || {
        let labels: Vec<_> = nodes
            .get()
            .and_then(Result::ok)
            .map(|l| l.items.into_iter().map(|n| n.metadata.labels).collect())
            .unwrap_or_default();
        let mut types: Vec<String> = offered_pod_types(&labels, wizard.gpu_namespace.get())
            .into_iter()
            .map(str::to_owned)
            .collect();
        // The draft's own type stays shown (a pasted manifest, nodes not read yet); the
        // shared rules say at the field when it can't run here.
        let chosen = wizard.draft.with(|d| d.pod_type.clone());
        if !chosen.is_empty() && !types.contains(&chosen) {
            types.push(chosen);
        }
        types
            .into_iter()
            .map(|t| Choice {
                title: pod_type_name(i18n, &t),
                detail: pod_type_hint(i18n, &t),
                value: t,
            })
            .collect::<Vec<_>>()
    });
    let title = move |key: fn(crate::I18n) -> String| Signal::derive(move || key(i18n));
    view! {
        <h2>{t!(i18n, step_basic)}</h2>
        <YamlEditor paste=true/>
        <Card title=title(|i| t_string!(i, card_workload).to_string()) columns=true>
            <SelectField label=title(|i| t_string!(i, workload_kind).to_string())
                path="kind"
                value=wizard.text(|d| d.kind.clone())
                options=Signal::derive(move || {
                    KINDS
                        .into_iter()
                        .chain(rules::workload::batch::KINDS)
                        .map(|k| (k.to_owned(), kind_name(i18n, k)))
                        .collect::<Vec<_>>()
                })
                on_change=wizard.setter(|d, v| d.set_kind(v))/>
            <TextField label=title(|i| t_string!(i, workload_name).to_string())
                path="metadata.name"
                hint=title(|i| t_string!(i, workload_name_hint).to_string())
                value=wizard.text(|d| d.name.clone())
                on_input=wizard.setter(|d, v| d.name = v)/>
            <div>
                <SelectField label=title(|i| t_string!(i, namespace).to_string())
                    path="metadata.namespace"
                    value=wizard.text(|d| d.namespace.clone())
                    options=namespace_options
                    on_change=wizard.setter(|d, v| d.namespace = v)/>
                <NewNamespace on_created=move |name: String| {
                    namespaces.refetch();
                    wizard.draft.update(|d| d.namespace = name);
                }/>
            </div>
            <TextField label=title(|i| t_string!(i, description).to_string())
                path=format!("metadata.annotations[{DESCRIPTION}]")
                multiline=true
                value=wizard.text(|d| d.description.clone())
                on_input=wizard.setter(|d, v| d.description = v)/>
        </Card>
        // A DaemonSet runs one pod per node, a Job until done; "Specify replicas" sums
        // the clusters'.
        <Show when=move || wizard.draft.with(|d| is_batch(&d.kind))>
            <RunCard/>
        </Show>
        <Show when=move || wizard.draft.with(|d| d.kind != "DaemonSet" && !is_batch(&d.kind))>
            <Card title=title(|i| t_string!(i, card_replicas).to_string())>
                <Show when=move || wizard.draft.with(|d| d.cluster_mode != ClusterMode::Replicas)
                    fallback=move || view! {
                        <p>{move || t_string!(i18n, pods_sum, n = wizard.workload.with(|w| crate::wizard::text::text(&w["spec"]["replicas"]))).to_string()}</p>
                    }>
                    <TextField label=title(|i| t_string!(i, pods).to_string())
                        path="spec.replicas" numeric=true
                        value=wizard.text(|d| d.replicas.clone())
                        on_input=wizard.setter(|d, v| d.replicas = v)/>
                </Show>
                <ReplicaScheduling clusters=member_clusters()/>
            </Card>
        </Show>
        <Card title=title(|i| t_string!(i, card_size).to_string())>
            <CardsField label=title(|i| t_string!(i, pod_type).to_string())
                path="spec.template.metadata.annotations#type"
                value=wizard.text(|d| d.pod_type.clone())
                options=pod_types
                on_change=wizard.setter(|d, v| d.pod_type = v)/>
            <CardsField label=title(|i| t_string!(i, flavour).to_string())
                path=pod_type_path()
                value=Signal::derive(move || current_flavour(wizard))
                options=Signal::derive(move || flavour_options(i18n, wizard))
                on_change=move |v: String| {
                    let pod_type = wizard.draft.with_untracked(|d| d.pod_type.clone());
                    if let Some(f) = v.parse::<usize>().ok().and_then(|i| flavours(&pod_type).get(i)) {
                        wizard.draft.update(|d| d.apply_flavour(*f));
                    }
                }/>
        </Card>
    }
}

/// A pod type in the reader's language (a type this console doesn't know, as itself).
pub(super) fn pod_type_name(i18n: crate::I18n, pod_type: &str) -> String {
    match pod_type {
        "general" => t_string!(i18n, pod_type_general).to_string(),
        "rdma" => t_string!(i18n, pod_type_rdma).to_string(),
        "gpu" => t_string!(i18n, pod_type_gpu).to_string(),
        other => other.to_owned(),
    }
}

/// What a pod type is for, in a line.
fn pod_type_hint(i18n: crate::I18n, pod_type: &str) -> Option<String> {
    Some(
        match pod_type {
            "general" => t_string!(i18n, pod_type_general_hint),
            "rdma" => t_string!(i18n, pod_type_rdma_hint),
            "gpu" => t_string!(i18n, pod_type_gpu_hint),
            _ => return None,
        }
        .to_string(),
    )
}

/// A workload kind in the reader's language.
pub(super) fn kind_name(i18n: crate::I18n, kind: &str) -> String {
    match kind {
        "StatefulSet" => t_string!(i18n, kind_statefulset),
        "DaemonSet" => t_string!(i18n, kind_daemonset),
        "Job" => t_string!(i18n, kind_job),
        "CronJob" => t_string!(i18n, kind_cronjob),
        _ => t_string!(i18n, kind_deployment),
    }
    .to_string()
}

/// The member clusters the nodes belong to (their `berth.dev/cluster` labels), sorted:
/// what replica scheduling offers.
fn member_clusters() -> Signal<Vec<String>> {
    let nodes = LocalResource::new(|| get_json::<List<Node>>(paths::nodes()));
    Signal::derive(move || {
        let mut names: Vec<String> = nodes
            .get()
            .and_then(Result::ok)
            .map(|l| {
                l.items
                    .into_iter()
                    .filter_map(|n| n.metadata.labels.get(CLUSTER_LABEL).cloned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names.dedup();
        names
    })
}

/// Creates a namespace without leaving the wizard: the Namespaces page's dialog.
#[component]
fn NewNamespace(on_created: impl Fn(String) + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let on_created = Callback::new(on_created);
    view! {
        <button type="button" on:click=move |_| open.set(true)>{t!(i18n, new_namespace)}</button>
        <Show when=move || open.get()>
            <CreateNamespace on_close=Callback::new(move |()| open.set(false)) on_created/>
        </Show>
    }
}

/// The index of the flavour the main containers' limits add up to, or `custom`.
pub(super) fn current_flavour(wizard: Wizard) -> String {
    let pod_type = wizard.draft.with(|d| d.pod_type.clone());
    wizard
        .workload
        .with(|w| rules::flavour::pod_limits(&w["spec"]["template"]["spec"]["containers"]))
        .and_then(|(cpu, memory, gpu)| rules::flavour::matching(&pod_type, cpu, memory, gpu))
        .and_then(|f| flavours(&pod_type).iter().position(|x| *x == f))
        .map_or_else(|| "custom".to_owned(), |i| i.to_string())
}

/// The flavours of the chosen pod type, and "Custom" for sizes set per container.
pub(super) fn flavour_options(i18n: crate::I18n, wizard: Wizard) -> Vec<Choice> {
    let pod_type = wizard.draft.with(|d| d.pod_type.clone());
    let mut options: Vec<Choice> = flavours(&pod_type)
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let gpu = if f.gpu > 0 {
                format!(" · {} GPU", f.gpu)
            } else {
                String::new()
            };
            Choice::titled(
                i.to_string(),
                format!("{} vCPU · {} GiB{gpu}", f.cpu, f.memory_gib),
            )
        })
        .collect();
    options.push(Choice::titled(
        "custom",
        t_string!(i18n, flavour_custom).to_string(),
    ));
    options
}
