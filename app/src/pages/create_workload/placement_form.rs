//! Where the pods go: scheduling rules on Advanced settings (centralized or
//! decentralized pods, custom node rules) and replica scheduling over member clusters
//! on Basic info (SPEC §1.1, §1.4, seed 004).

use leptos::prelude::*;

use crate::components::{SelectField, TextField};
use crate::i18n::*;
use crate::wizard::settings::{ClusterDraft, ClusterMode, NodeRuleDraft, Spread};
use crate::wizard::Wizard;
use rules::workload::{NODE_OPERATORS, REPLICA_SCHEDULING};

/// Centralized / decentralized pods and custom node rules.
#[component]
pub fn SchedulingForm() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rows = move || {
        wizard
            .draft
            .with(|d| d.node_rules.iter().map(|r| r.id).collect::<Vec<_>>())
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let id = d.new_id();
            d.node_rules.push(NodeRuleDraft {
                id,
                key: String::new(),
                operator: "In".into(),
                values: String::new(),
            });
        })
    };
    let row_view = move |row: u32| {
        let index = move || {
            wizard
                .draft
                .with(|d| d.node_rules.iter().position(|r| r.id == row).unwrap_or(0))
        };
        let path = move |field: &'static str| {
            Signal::derive(move || {
                format!(
            "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[{}].{field}", index())
            })
        };
        let text = move |read: fn(&NodeRuleDraft) -> String| {
            wizard.text(move |d| {
                d.node_rules
                    .iter()
                    .find(|r| r.id == row)
                    .map(read)
                    .unwrap_or_default()
            })
        };
        let set = move |write: fn(&mut NodeRuleDraft, String)| {
            wizard.setter(move |d, v| {
                if let Some(r) = d.node_rules.iter_mut().find(|r| r.id == row) {
                    write(r, v)
                }
            })
        };
        let remove = move |_| {
            wizard
                .draft
                .update(|d| d.node_rules.retain(|r| r.id != row))
        };
        view! {
            <fieldset>
                <legend>{move || t_string!(i18n, node_rule_n, n = index() + 1).to_string()}</legend>
                <TextField label=Signal::derive(move || t_string!(i18n, label_key).to_string())
                    path=path("key") value=text(|r| r.key.clone()) on_input=set(|r, v| r.key = v)/>
                <SelectField label=Signal::derive(move || t_string!(i18n, operator).to_string())
                    path=path("operator") value=text(|r| r.operator.clone())
                    options=Signal::derive(|| NODE_OPERATORS.map(|o| (o.to_owned(), o.to_owned())).to_vec())
                    on_change=set(|r, v| r.operator = v)/>
                <TextField label=Signal::derive(move || t_string!(i18n, label_values).to_string())
                    path=path("values")
                    hint=Signal::derive(move || t_string!(i18n, comma_separated).to_string())
                    value=text(|r| r.values.clone()) on_input=set(|r, v| r.values = v)/>
                <button type="button" on:click=remove>{t!(i18n, remove_node_rule)}</button>
            </fieldset>
        }
    };
    view! {
        <h3>{t!(i18n, scheduling)}</h3>
        <SelectField label=Signal::derive(move || t_string!(i18n, pod_spread).to_string())
            path="spec.template.spec.affinity"
            value=Signal::derive(move || wizard.draft.with(|d| format!("{:?}", d.spread)))
            options=Signal::derive(move || vec![
                ("None".to_owned(), t_string!(i18n, spread_none).to_string()),
                ("Together".to_owned(), t_string!(i18n, spread_together).to_string()),
                ("Apart".to_owned(), t_string!(i18n, spread_apart).to_string()),
            ])
            on_change=wizard.setter(|d, v| d.spread = match v.as_str() {
                "Together" => Spread::Together,
                "Apart" => Spread::Apart,
                _ => Spread::None,
            })/>
        <For each=rows key=|row| *row children=row_view/>
        <button type="button" on:click=add>{t!(i18n, add_node_rule)}</button>
    }
}

/// Replica scheduling: one cluster, or replicas or weights per member cluster.
/// The choices of a member cluster row: a prompt, the clusters that exist, and the
/// row's own value if it names another (read from a manifest).
fn cluster_choices(i18n: crate::I18n, clusters: &[String], current: &str) -> Vec<(String, String)> {
    let mut choices = vec![(String::new(), t_string!(i18n, choose_cluster).to_string())];
    choices.extend(clusters.iter().map(|c| (c.clone(), c.clone())));
    if !current.is_empty() && !clusters.iter().any(|c| c == current) {
        choices.push((current.to_owned(), current.to_owned()));
    }
    choices
}

#[component]
pub fn ReplicaScheduling(
    /// The member clusters that exist (from the nodes): offered as choices.
    clusters: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let annotation = format!("metadata.annotations[{REPLICA_SCHEDULING}]");
    let mode = move || wizard.draft.with(|d| d.cluster_mode);
    let rows = move || {
        wizard
            .draft
            .with(|d| d.clusters.iter().map(|c| c.id).collect::<Vec<_>>())
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let id = d.new_id();
            d.clusters.push(ClusterDraft {
                id,
                name: String::new(),
                value: "1".into(),
            });
        })
    };
    let row_view = {
        let annotation = annotation.clone();
        move |row: u32| {
            let annotation = annotation.clone();
            let index = move || {
                wizard
                    .draft
                    .with(|d| d.clusters.iter().position(|c| c.id == row).unwrap_or(0))
            };
            let path = move |field: &'static str| {
                let annotation = annotation.clone();
                Signal::derive(move || {
                    let field = if field == "value" && mode() == ClusterMode::Weights {
                        "weight"
                    } else if field == "value" {
                        "replicas"
                    } else {
                        field
                    };
                    format!("{annotation}.clusters[{}].{field}", index())
                })
            };
            let text = move |read: fn(&ClusterDraft) -> String| {
                wizard.text(move |d| {
                    d.clusters
                        .iter()
                        .find(|c| c.id == row)
                        .map(read)
                        .unwrap_or_default()
                })
            };
            let set = move |write: fn(&mut ClusterDraft, String)| {
                wizard.setter(move |d, v| {
                    if let Some(c) = d.clusters.iter_mut().find(|c| c.id == row) {
                        write(c, v)
                    }
                })
            };
            let remove = move |_| wizard.draft.update(|d| d.clusters.retain(|c| c.id != row));
            let name_path = path("name");
            let name = text(|c| c.name.clone());
            view! {
                <fieldset>
                    <legend>{move || t_string!(i18n, cluster_n, n = index() + 1).to_string()}</legend>
                    // The clusters that exist, as choices; typed only when no node names
                    // one (a cluster without member clusters).
                    <Show when=move || !clusters.with(Vec::is_empty)
                        fallback=move || view! {
                            <TextField label=Signal::derive(move || t_string!(i18n, cluster).to_string())
                                path=name_path value=name on_input=set(|c, v| c.name = v)/>
                        }>
                        <SelectField label=Signal::derive(move || t_string!(i18n, cluster).to_string())
                            path=name_path
                            value=name
                            options=Signal::derive(move || cluster_choices(i18n, &clusters.get(), &name.get()))
                            on_change=set(|c, v| c.name = v)/>
                    </Show>
                    <TextField numeric=true
                        label=Signal::derive(move || if mode() == ClusterMode::Weights { t_string!(i18n, weight).to_string() } else { t_string!(i18n, cluster_replicas).to_string() })
                        path=path("value") value=text(|c| c.value.clone()) on_input=set(|c, v| c.value = v)/>
                    <button type="button" on:click=remove>{t!(i18n, remove_cluster)}</button>
                </fieldset>
            }
        }
    };
    view! {
        <SelectField label=Signal::derive(move || t_string!(i18n, replica_scheduling).to_string())
            path=annotation.clone()
            value=Signal::derive(move || format!("{:?}", mode()))
            options=Signal::derive(move || vec![
                ("Single".to_owned(), t_string!(i18n, cluster_single).to_string()),
                ("Replicas".to_owned(), t_string!(i18n, cluster_replicas_mode).to_string()),
                ("Weights".to_owned(), t_string!(i18n, cluster_weights_mode).to_string()),
            ])
            on_change=wizard.setter(|d, v| {
                d.cluster_mode = match v.as_str() {
                    "Replicas" => ClusterMode::Replicas,
                    "Weights" => ClusterMode::Weights,
                    _ => ClusterMode::Single,
                };
                if d.cluster_mode != ClusterMode::Single && d.clusters.is_empty() {
                    let id = d.new_id();
                    d.clusters.push(ClusterDraft { id, name: String::new(), value: "1".into() });
                }
            })/>
        <Show when=move || mode() != ClusterMode::Single>
            <For each=rows key=|row| *row children=row_view.clone()/>
            <button type="button" on:click=add>{t!(i18n, add_cluster)}</button>
        </Show>
    }
}
