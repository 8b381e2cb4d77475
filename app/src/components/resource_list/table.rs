//! The live table of a resource list page: how many rows are shown and the watch's
//! state above it, sortable headers, a row per object (the page's cells, then its
//! Delete), and a line when no row is shown.

use std::hash::Hash;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::access::{may, Question};
use stylers::style;

use super::{home_of, DeleteConfirm, DeleteRequest, ShownCount, SortHeader};
use crate::api::model::list_query::{ListQuery, Sortable};
use crate::api::model::Listed;
use crate::components::{window, ConnectionBadge, Pager};
use crate::i18n::*;
use crate::live::LiveList;
use crate::I18n;

/// How a [`ResourceTable`] deletes its objects: what the confirmation says, and where
/// an object lives in the API.
pub struct Deletion<T> {
    /// The confirmation's question for an object's name ("Delete service web?").
    pub question: fn(I18n, String) -> String,
    /// What deleting an object does.
    pub hint: fn(I18n) -> String,
    /// The API path of the object named by the second argument in the namespace named
    /// by the first (`paths::service`).
    pub path: fn(&str, &str) -> String,
    /// Whether an object is already going (its Delete is disabled).
    pub going: fn(&T) -> bool,
    /// The API group and resource (`("apps", "deployments")`), for asking whether the
    /// user may delete at all.
    pub resource: (&'static str, &'static str),
    /// Whether the objects live in a namespace (else the question is cluster-wide).
    pub namespaced: bool,
}

/// Whether `item` is being deleted already: the usual [`Deletion::going`].
pub fn being_deleted<T: Listed>(item: &T) -> bool {
    item.meta().deletion_timestamp.is_some()
}

/// A row's usual key, which changes with each new state of its object: the object's
/// uid and resourceVersion.
pub fn uid_and_version<T: Listed>(item: &T) -> (String, String) {
    let meta = item.meta();
    (meta.uid.clone(), meta.resource_version.clone())
}

/// Which objects a [`ResourceTable`] keeps at all, before the search.
pub type Keep<T> = Arc<dyn Fn(&T) -> bool + Send + Sync>;

/// Where in `list` the rows `query` shows are (of those `keep` admits), in its order.
fn shown_rows<T, C>(
    list: LiveList<T>,
    query: RwSignal<ListQuery<C>>,
    keep: Option<Keep<T>>,
) -> Memo<Vec<usize>>
where
    T: Listed + Sortable<Column = C>,
    C: Copy + Eq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        query.with(|q| {
            list.items.with(|items| match &keep {
                Some(keep) => q.select(items, |item| keep(item)),
                None => q.select(items, |_| true),
            })
        })
    })
}

/// The objects of page `page` of `order`: only these are copied out of the list.
fn page_rows<T: Listed>(
    list: LiveList<T>,
    order: Memo<Vec<usize>>,
    page: RwSignal<usize>,
) -> Memo<Vec<T>> {
    Memo::new(move |_| {
        order.with(|order| {
            list.items.with(|items| {
                order[window(order.len(), page.get())]
                    .iter()
                    .filter_map(|&i| items.get(i).cloned())
                    .collect()
            })
        })
    })
}

/// A row's object as it is now: the version of the same uid among the rows shown, or
/// the last one seen while the row is on its way out. The rows may be gone before the
/// row is (a server render that a newer one replaced): then the row keeps what it had.
fn current_row<T: Listed>(rows: Memo<Vec<T>>, first: T) -> Memo<T> {
    let uid = first.meta().uid.clone();
    Memo::new(move |last: Option<&T>| {
        rows.try_with(|rows| rows.iter().find(|item| item.meta().uid == uid).cloned())
            .flatten()
            .or_else(|| last.cloned())
            .unwrap_or_else(|| first.clone())
    })
}

/// A live list as a table: "3 of 5 services" and the connection's state, a sortable
/// header per column (and Actions, when the list deletes), a row per object the query
/// shows with the page's `cells` (then a confirmed Delete), the row's `details` under
/// it, the `empty` line when nothing is shown, and pages of a hundred rows.
#[component]
pub fn ResourceTable<T, C, K, V, R>(
    /// The live list.
    list: LiveList<T>,
    /// Its search and sort.
    query: RwSignal<ListQuery<C>>,
    /// The page's namespace: where an object that names none is deleted.
    #[prop(optional)]
    namespace: String,
    /// The table's name, read by screen readers.
    caption: fn(I18n) -> String,
    /// "3 of 5 services", from the rows shown and the objects listed.
    shown: fn(I18n, usize, usize) -> String,
    /// What the row shown when no row is says.
    empty: fn(I18n) -> String,
    /// The columns of the page's cells, in order; each header sorts by its column.
    columns: Vec<C>,
    /// A column's header.
    header: fn(I18n, C) -> String,
    /// A row's identity: a row whose key changes is drawn again. A key that stays
    /// while its object changes (the uid) keeps the row, and its cells follow the
    /// object they are given live.
    key: fn(&T) -> K,
    /// A row's cells, given its object as it is now.
    cells: R,
    /// How objects are deleted; without it, the rows have no Delete.
    #[prop(optional)]
    delete: Option<Deletion<T>>,
    /// Which objects are listed at all (all of them without it).
    #[prop(optional)]
    keep: Option<Keep<T>>,
    /// Which rows are tinted as warnings.
    #[prop(optional)]
    warning: Option<fn(&T) -> bool>,
    /// A row under an object's row, showing more of it.
    #[prop(optional)]
    details: Option<Callback<T, AnyView>>,
    /// The kind's own buttons (a CronJob's Run now), before Delete in a row's actions;
    /// given the row's object as it is now. Shown in lists that delete.
    #[prop(optional)]
    actions: Option<Callback<Memo<T>, AnyView>>,
    /// The page shows the list's connection already, so the table doesn't again.
    #[prop(optional)]
    connection_shown: bool,
) -> impl IntoView
where
    T: Listed + Sortable<Column = C>,
    C: Copy + Eq + Send + Sync + 'static,
    K: Eq + Hash + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(Memo<T>) -> V + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let order = shown_rows(list, query, keep);
    let page = RwSignal::new(0_usize);
    // A new search or sort starts from the first page.
    Effect::watch(move || query.track(), move |_, _, _| page.set(0), false);
    let rows = page_rows(list, order, page);
    let total = Signal::derive(move || order.with(Vec::len));
    let count = Signal::derive(move || shown(i18n, total.get(), list.items.with(Vec::len)));
    let width = columns.len() + usize::from(delete.is_some());
    let headers = columns
        .into_iter()
        .map(|column| {
            view! { <SortHeader query column label=Signal::derive(move || header(i18n, column))/> }
        })
        .collect_view();
    let deleting = DeleteRequest::new();
    let confirm = delete.as_ref().map(|d| {
        let (question, hint) = (d.question, d.hint);
        let question = Callback::new(move |name: String| question(i18n, name));
        view! { <DeleteConfirm request=deleting question hint=Signal::derive(move || hint(i18n))/> }
    });
    let action = delete.map(|d| (d.path, d.going, d.resource, d.namespaced));
    let class = style! {
        .list-head {
            display: flex;
            align-items: center;
            gap: 1rem;
        }
        .empty {
            color: var(--muted);
            text-align: center;
        }
        .warning :deep(td) {
            background: var(--tone-bad-bg);
        }
    };
    let row = move |item: T| {
        let current = current_row(rows, item.clone());
        let tinted = move || warning.is_some_and(|w| current.with(w));
        let delete_cell = action.map(|(path, going, (group, resource), namespaced)| {
            let meta = item.meta();
            let name = meta.name.clone();
            let home = home_of(&meta.namespace, &namespace);
            let path = path(&home, &name);
            // Asked once per namespace and page: a user who may not delete sees the
            // button disabled, with why as its title.
            let scope = if namespaced { home } else { String::new() };
            let question = Question {
                verb: "delete",
                group,
                resource: resource.to_owned(),
                subresource: "",
                namespace: scope,
            };
            let may_delete = may(question.clone());
            let refusal =
                move || (!may_delete.get()).then(|| crate::words::refusal(i18n, &question));
            let own = actions.map(|a| a.run(current));
            view! { class = class,
                <td>
                    {own}
                    <button type="button" class="button link danger"
                        disabled=move || current.with(going) || !may_delete.get()
                        title=refusal
                        on:click=move |_| deleting.ask(name.clone(), path.clone())>
                        {t!(i18n, delete)}
                    </button>
                </td>
            }
        });
        let more = details.map(|d| d.run(item.clone()));
        view! { class = class,
            <tr class:warning=tinted>{cells(current)}{delete_cell}</tr>
            {more}
        }
    };
    view! { class = class,
        <div class="list-head">
            <ShownCount text=count/>
            {(!connection_shown).then(|| view! { <ConnectionBadge connection=list.connection/> })}
        </div>
        {confirm}
        // Too wide for the screen, the table scrolls sideways on its own, not the page.
        <div class="table-scroll" tabindex="0">
        <table class="data-table">
            <caption class="visually-hidden">{move || caption(i18n)}</caption>
            <thead>
                <tr>
                    {headers}
                    {action.map(|_| view! { <th scope="col">{t!(i18n, col_actions)}</th> })}
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan=width class="empty">{move || empty(i18n)}</td></tr>
                </Show>
                <For each=move || rows.get() key=key children=row/>
            </tbody>
        </table>
        </div>
        <Pager total page label=Signal::derive(move || {
            t_string!(i18n, table_pages, caption = caption(i18n)).to_string()
        })/>
    }
}
