//! `/sign-in`: a token in, a session out. The form posts to the server, which answers
//! with the session cookie and leads back to the page asked for (`?then=`); a refused
//! or rate-limited attempt comes back here with `?failed=`.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use stylers::style;

use crate::i18n::*;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let then = move || query.read().get("then").unwrap_or_else(|| "/".to_owned());
    let notice = move || {
        let query = query.read();
        match (query.get("failed").as_deref(), query.get("signed_out")) {
            (Some("limited"), _) => Some(
                view! { <p role="alert" class="error">{t!(i18n, sign_in_limited)}</p> }.into_any(),
            ),
            (Some(_), _) => Some(
                view! { <p role="alert" class="error">{t!(i18n, sign_in_refused)}</p> }.into_any(),
            ),
            (None, Some(_)) => {
                Some(view! { <p role="status">{t!(i18n, signed_out)}</p> }.into_any())
            }
            (None, None) => None,
        }
    };
    let class = style! {
        .sign-in {
            max-width: 26rem;
            margin: 12vh auto 0;
            padding: 2rem;
            background: var(--surface);
            border: 1px solid var(--border);
            border-radius: 8px;
        }
        form {
            display: grid;
            gap: 0.5rem;
            margin-top: 1rem;
        }
    };
    view! { class = class,
        <main class="sign-in">
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p>{t!(i18n, sign_in_hint)}</p>
            {notice}
            <form method="post" action="/sign-in">
                <input type="hidden" name="then" value=then/>
                <label for="sign-in-token">{t!(i18n, token)}</label>
                <input id="sign-in-token" name="token" type="password" autocomplete="current-password" required/>
                <button type="submit" class="primary">{t!(i18n, sign_in)}</button>
            </form>
        </main>
    }
}
