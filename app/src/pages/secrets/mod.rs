//! `/namespaces/:ns/secrets`: the Secrets of a namespace (or of all), live: names,
//! types and keys, never values (the view type does not hold them); search, sortable
//! columns and a confirmed Delete.

mod reveal;

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::{Secret, SecretColumn};
use crate::api::paths;
use crate::components::{
    being_deleted, uid_and_version, use_url_query, Deletion, ResourcePage, ResourceTable,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The page's heading, and its table's caption.
fn title(i18n: crate::I18n) -> String {
    t_string!(i18n, nav_secrets).to_string()
}

/// The page: heading, a word on values, search, and the live table.
#[component]
pub fn SecretsPage() -> impl IntoView {
    let query = use_url_query::<ListQuery<SecretColumn>>();
    view! {
        <ResourcePage title plural="secrets" query search_id="secret-search"
            collection=|ns, plural| paths::keys_only(&paths::core_collection(ns, plural))
            note=|i| t_string!(i, secret_values_hidden).to_string()
            search_label=|i| t_string!(i, search_secrets).to_string()
            table=move |secrets, namespace| view! { <SecretTable secrets query namespace/> }/>
    }
}

/// A column's header.
fn header(i18n: crate::I18n, column: SecretColumn) -> String {
    match column {
        SecretColumn::Name => t_string!(i18n, col_name),
        SecretColumn::Namespace => t_string!(i18n, namespace),
        SecretColumn::Type => t_string!(i18n, col_type),
        SecretColumn::Keys => t_string!(i18n, col_keys),
        SecretColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
}

#[component]
fn SecretTable(
    secrets: LiveList<Secret>,
    query: RwSignal<ListQuery<SecretColumn>>,
    namespace: String,
) -> impl IntoView {
    let now = use_now();
    let i18n = use_i18n();
    let all = paths::is_all_namespaces(&namespace);
    // The Namespace column only when the page lists every namespace.
    let columns: Vec<_> = [
        SecretColumn::Name,
        SecretColumn::Namespace,
        SecretColumn::Type,
        SecretColumn::Keys,
        SecretColumn::Age,
    ]
    .into_iter()
    .filter(|c| all || *c != SecretColumn::Namespace)
    .collect();
    let class = style! {
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
    };
    // Keyed by version: a changed object is drawn again, so its cells read it once.
    let cells = move |row: Memo<Secret>| {
        let secret = row.get_untracked();
        let created = secret.metadata.creation_timestamp.clone();
        let (namespace, name) = (
            secret.metadata.namespace.clone(),
            secret.metadata.name.clone(),
        );
        let keys = if secret.keys.is_empty() {
            view! { "-" }.into_any()
        } else {
            secret
                .keys
                .iter()
                .enumerate()
                .map(|(i, key)| view! {
                    {(i > 0).then_some(", ")}
                    <reveal::RevealKey namespace=namespace.clone() name=name.clone() key=key.clone()/>
                })
                .collect_view()
                .into_any()
        };
        view! { class = class,
            <td class="mono">{secret.metadata.name.clone()}</td>
            {all.then(|| view! { <td>{secret.metadata.namespace.clone()}</td> })}
            <td>{secret.type_name().to_owned()}</td>
            <td class="mono">{keys}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_secret, name = name).to_string(),
        hint: |i| t_string!(i, delete_secret_hint).to_string(),
        path: paths::secret,
        going: being_deleted,
        resource: ("", "secrets"),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=secrets query namespace columns cells delete
            caption=title key=uid_and_version
            shown=|i, shown, total| t_string!(i, secrets_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_secrets).to_string()/>
    }
}
