//! A detail page's frame: the object's name as the heading, the object followed live,
//! and what the page shows of it, or why it is not there.

use leptos::prelude::*;

use super::Followed;
use crate::api::model::Listed;
use crate::live::LiveList;

/// The page of the one object at `path` (a list narrowed to it by name): `name` as the
/// heading, then `body` with the object as it is now, or `missing` once it is gone.
#[component]
pub fn FollowedObject<T, V, B>(
    /// The object's name.
    name: Memo<String>,
    /// Its list path, narrowed to it (`?fieldSelector=metadata.name%3D…`).
    #[prop(into)]
    path: Signal<String>,
    /// What the page says when there is no such object.
    missing: fn(crate::I18n, String) -> String,
    /// What the page shows of it.
    body: B,
    #[prop(optional)] _item: std::marker::PhantomData<T>,
) -> impl IntoView
where
    T: Listed + Clone + PartialEq,
    V: IntoView + 'static,
    B: Fn(Memo<Option<T>>) -> V + Clone + Send + Sync + 'static,
{
    let i18n = crate::i18n::use_i18n();
    let render = move |list: LiveList<T>| {
        let object = Memo::new(move |_| list.items.with(|i| i.first().cloned()));
        let gone = move || {
            view! { <p role="alert" class="error">{move || missing(i18n, name.get_untracked())}</p> }
        };
        let body = body.clone();
        view! {
            <Show when=move || object.with(Option::is_some) fallback=gone>
                {body(object)}
            </Show>
        }
    };
    view! {
        <section class="page">
            <h1>{move || name.get()}</h1>
            <Followed path render/>
        </section>
    }
}
