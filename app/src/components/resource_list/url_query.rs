//! A list's query kept in the page's URL.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::model::url_params::UrlParams;

/// A signal holding what the URL's query says of `Q` (the server renders the same), and
/// writing each change back into the URL in place of the current history entry: every
/// list view is a link, and typing a search does not fill the back button.
pub fn use_url_query<Q>() -> RwSignal<Q>
where
    Q: UrlParams + Send + Sync + 'static,
{
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let state = RwSignal::new(params.with_untracked(Q::read));
    Effect::watch(
        move || state.get(),
        move |query, _, _| {
            let mut url_params = params.get_untracked();
            query.write(&mut url_params);
            let url = format!(
                "{}{}{}",
                crate::api::cluster::strip_base(&location.pathname.get_untracked()),
                url_params.to_query_string(),
                location.hash.get_untracked()
            );
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        },
        false,
    );
    state
}
