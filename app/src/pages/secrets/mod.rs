//! `/namespaces/:ns/secrets`: the Secrets of a namespace (or of all), live: names,
//! types and keys, never values (the view type does not hold them); search, sortable
//! columns and a confirmed Delete.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::{age, Secret, SecretColumn};
use crate::api::paths;
use crate::components::{
    home_of, use_namespace, ConnectionBadge, DeleteConfirm, DeleteRequest, Followed, SearchBox,
    ShownCount, SortHeader,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The page: heading, search, and the live table.
#[component]
pub fn SecretsPage() -> impl IntoView {
    let i18n = use_i18n();
    let namespace = use_namespace();
    let path = Signal::derive(move || paths::core_collection(&namespace.get(), "secrets"));
    let query = RwSignal::new(ListQuery::<SecretColumn>::default());
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_secrets)}</h1>
            <p>{t!(i18n, secret_values_hidden)}</p>
            <div class="filters">
                <SearchBox query id="secret-search" label=Signal::derive(move || t_string!(i18n, search_secrets).to_string())/>
            </div>
            <Followed path render=move |secrets| {
                let namespace = namespace.get_untracked();
                view! { <SecretTable secrets query namespace/> }
            }/>
        </section>
    }
}

#[component]
fn SecretTable(
    secrets: LiveList<Secret>,
    query: RwSignal<ListQuery<SecretColumn>>,
    namespace: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let all = paths::is_all_namespaces(&namespace);
    let rows =
        Memo::new(move |_| query.with(|q| secrets.items.with(|items| q.apply(items, |_| true))));
    let count = Signal::derive(move || {
        let (shown, total) = (rows.with(Vec::len), secrets.items.with(Vec::len));
        t_string!(i18n, secrets_shown, shown = shown, total = total).to_string()
    });
    let deleting = DeleteRequest::new();
    let question = Callback::new(move |name: String| {
        t_string!(i18n, confirm_delete_secret, name = name).to_string()
    });
    let header = move |column: SecretColumn, label: fn(crate::I18n) -> String| {
        view! { <SortHeader query column label=Signal::derive(move || label(i18n))/> }
    };
    let columns: usize = if all { 6 } else { 5 };
    let class = style! {
        .list-head {
            display: flex;
            align-items: center;
            gap: 1rem;
        }
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
        .empty {
            color: var(--muted);
            text-align: center;
        }
    };
    view! { class = class,
        <div class="list-head">
            <ShownCount text=count/>
            <ConnectionBadge connection=secrets.connection/>
        </div>
        <DeleteConfirm request=deleting question hint=Signal::derive(move || t_string!(i18n, delete_secret_hint).to_string())/>
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, nav_secrets)}</caption>
            <thead>
                <tr>
                    {header(SecretColumn::Name, |i| t_string!(i, col_name).to_string())}
                    {all.then(|| header(SecretColumn::Namespace, |i| t_string!(i, namespace).to_string()))}
                    {header(SecretColumn::Type, |i| t_string!(i, col_type).to_string())}
                    {header(SecretColumn::Keys, |i| t_string!(i, col_keys).to_string())}
                    {header(SecretColumn::Age, |i| t_string!(i, col_age).to_string())}
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan=columns class="empty">{t!(i18n, no_secrets)}</td></tr>
                </Show>
                <For
                    each=move || rows.get()
                    key=|s| (s.metadata.uid.clone(), s.metadata.resource_version.clone())
                    let:secret
                >
                    {
                        let name = secret.metadata.name.clone();
                        let path = paths::secret(&home_of(&secret.metadata.namespace, &namespace), &name);
                        let created = secret.metadata.creation_timestamp.clone();
                        let keys = if secret.keys.is_empty() { "-".to_owned() } else { secret.keys.join(", ") };
                        view! { class = class,
                            <tr>
                                <td class="mono">{name.clone()}</td>
                                {all.then(|| view! { <td>{secret.metadata.namespace.clone()}</td> })}
                                <td>{secret.type_name().to_owned()}</td>
                                <td class="mono">{keys}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                                <td>
                                    <button type="button" class="button link danger"
                                        disabled=secret.metadata.deletion_timestamp.is_some()
                                        on:click=move |_| deleting.ask(name.clone(), path.clone())>
                                        {t!(i18n, delete)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
