//! The expanded row of a ConfigMap: every key with its value.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::ConfigMap;
use crate::i18n::*;

/// A table row spanning every column, listing the ConfigMap's keys and values.
#[component]
pub fn DataRow(
    /// The row's id, which the toggle's `aria-controls` names.
    id: String,
    /// The ConfigMap shown.
    config_map: ConfigMap,
    /// How many columns the row spans.
    columns: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = config_map.metadata.name.clone();
    let label = move || t_string!(i18n, data_of, name = name.clone()).to_string();
    let empty = config_map.data.is_empty() && config_map.binary_data.is_empty();
    let class = style! {
        .data {
            display: grid;
            grid-template-columns: minmax(8rem, max-content) 1fr;
            gap: 0.35rem 1rem;
            margin: 0.25rem 0;
        }
        dt {
            font-family: var(--mono);
            font-weight: 600;
        }
        dd {
            margin: 0;
        }
        pre {
            margin: 0;
            white-space: pre-wrap;
            word-break: break-word;
            font-family: var(--mono);
            font-size: 0.85rem;
            max-height: 16rem;
            overflow: auto;
        }
    };
    let text = config_map
        .data
        .into_iter()
        .map(|(key, value)| view! { class = class, <dt>{key}</dt><dd><pre>{value}</pre></dd> })
        .collect_view();
    let binary = config_map
        .binary_data
        .into_keys()
        .map(|key| view! { class = class, <dt>{key}</dt><dd>{t!(i18n, binary_value)}</dd> })
        .collect_view();
    view! { class = class,
        <tr id=id>
            <td colspan=columns>
                <section aria-label=label>
                    {if empty {
                        view! { <p>{t!(i18n, no_keys)}</p> }.into_any()
                    } else {
                        view! { class = class, <dl class="data">{text}{binary}</dl> }.into_any()
                    }}
                </section>
            </td>
        </tr>
    }
}
