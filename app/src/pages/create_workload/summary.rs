//! The panel beside the wizard's form: the choices made so far, on every step, as a
//! cloud console's order summary.

use leptos::prelude::*;
use stylers::style;

use super::access::access_name;
use super::basic::{current_flavour, flavour_options, kind_name, pod_type_name};
use crate::components::Card;
use crate::i18n::*;
use crate::wizard::draft::Access;
use crate::wizard::manifest;
use crate::wizard::text::text;
use crate::wizard::Wizard;

/// A term of the summary: its name, and the draft's value in words (empty shows as
/// "Not set").
type Term = (fn(crate::I18n) -> String, fn(crate::I18n, Wizard) -> String);

/// The choices so far: type, name, namespace, pods, pod type and size, images, access
/// and upgrade strategy.
#[component]
pub fn WizardSummary() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let terms: [Term; 9] = [
        (
            |i| t_string!(i, workload_kind).to_string(),
            |i, w| w.draft.with(|d| kind_name(i, &d.kind)),
        ),
        (
            |i| t_string!(i, workload_name).to_string(),
            |_, w| w.draft.with(|d| d.name.clone()),
        ),
        (
            |i| t_string!(i, namespace).to_string(),
            |_, w| w.draft.with(|d| d.namespace.clone()),
        ),
        (
            |i| t_string!(i, pods).to_string(),
            |i, w| {
                if w.draft.with(|d| d.kind == "DaemonSet") {
                    t_string!(i, one_per_node).to_string()
                } else {
                    w.workload.with(|m| text(&m["spec"]["replicas"]))
                }
            },
        ),
        (
            |i| t_string!(i, pod_type).to_string(),
            |i, w| w.draft.with(|d| pod_type_name(i, &d.pod_type)),
        ),
        (
            |i| t_string!(i, flavour).to_string(),
            |i, w| {
                let chosen = current_flavour(w);
                flavour_options(i, w)
                    .into_iter()
                    .find(|c| c.value == chosen)
                    .map(|c| c.title)
                    .unwrap_or_default()
            },
        ),
        (
            |i| t_string!(i, step_containers).to_string(),
            |_, w| {
                w.draft.with(|d| {
                    d.containers
                        .iter()
                        .filter(|c| !c.image.is_empty())
                        .map(manifest::image_reference)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            },
        ),
        (
            |i| t_string!(i, access_type).to_string(),
            |i, w| {
                let access = w.draft.with(|d| d.access);
                let name = access_name(i, access);
                if access == Access::None {
                    return name;
                }
                let (port, target) = w.draft.with(|d| d.service_ports());
                format!("{name} · {port} → {target}")
            },
        ),
        (
            |i| t_string!(i, strategy).to_string(),
            |i, w| crate::words::strategy(i, w.draft.with(|d| Some(d.strategy.clone())).as_deref()),
        ),
    ];
    let class = style! {
        .summary {
            position: sticky;
            top: var(--space-4);
        }
        dl {
            display: grid;
            grid-template-columns: auto 1fr;
            gap: var(--space-2) var(--space-3);
            margin: 0;
            font-size: var(--text-sm);
        }
        dt {
            color: var(--muted);
        }
        dd {
            margin: 0;
            overflow-wrap: anywhere;
        }
        .unset {
            color: var(--muted);
            font-style: italic;
        }
    };
    let rows = terms
        .into_iter()
        .map(|(term, describe)| {
            let value = Memo::new(move |_| describe(i18n, wizard));
            view! { class = class,
                <dt>{move || term(i18n)}</dt>
                <dd class:unset=move || value.with(String::is_empty)>
                    {move || match value.get() {
                        v if v.is_empty() => t_string!(i18n, not_set).to_string(),
                        v => v,
                    }}
                </dd>
            }
        })
        .collect_view();
    view! { class = class,
        <aside class="summary" aria-label=move || t_string!(i18n, wizard_summary).to_string()>
            <Card title=Signal::derive(move || t_string!(i18n, wizard_summary).to_string()) top_level=true>
                <dl>{rows}</dl>
            </Card>
        </aside>
    }
}
