//! A list read from the API and then followed live, shown once it has arrived.

use leptos::prelude::*;

use super::{LoadFailed, Loading};
use crate::api::model::Listed;
use crate::live::{first_chunk, live_list, LiveList};

/// Reads the list at `path` (again when it changes), follows it with a watch, and
/// shows it through `render`; a failed read says why.
#[component]
pub fn Followed<T, V, R>(
    /// The list's API path.
    #[prop(into)]
    path: Signal<String>,
    /// What shows the live list.
    render: R,
    #[prop(optional)] _item: std::marker::PhantomData<T>,
) -> impl IntoView
where
    T: Listed,
    V: IntoView + 'static,
    R: Fn(LiveList<T>) -> V + Clone + Send + Sync + 'static,
{
    let list = Resource::new(move || path.get(), first_chunk::<T>);
    let body = move || {
        let render = render.clone();
        Suspend::new(async move {
            match list.await {
                Ok(initial) => render(live_list(path.get_untracked(), initial)).into_any(),
                Err(error) => view! { <LoadFailed error/> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=Loading>{body}</Transition> }
}
