//! Who the console is signed in as, and a way out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use stylers::style;

use crate::api::get_json;
use crate::i18n::*;

/// `/berth/whoami`: the signed-in user.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Whoami {
    name: String,
    #[serde(default)]
    signed_in: bool,
}

/// The user's name, and **Sign out** when there is a session to end.
#[component]
pub fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    let whoami = Resource::new(|| (), |_| get_json::<Whoami>("/berth/whoami".to_owned()));
    let class = style! {
        .user {
            display: flex;
            align-items: center;
            gap: 0.5rem;
        }
        form {
            margin: 0;
        }
        .who {
            max-width: 18rem;
            overflow: hidden;
            text-overflow: ellipsis;
            white-space: nowrap;
        }
    };
    let shown = move || {
        Suspend::new(async move {
            let me = whoami.await.unwrap_or_default();
            let sign_out = me.signed_in.then(|| {
                view! {
                    <form method="post" action="/sign-out">
                        <button type="submit">{t!(i18n, sign_out)}</button>
                    </form>
                }
            });
            // A long name (a ServiceAccount's) is cut short; the whole of it on hover.
            view! { class = class,
                <span class="who" title=me.name.clone()>{t!(i18n, signed_in_as, name = me.name.clone())}</span>
                {sign_out}
            }
        })
    };
    view! { class = class,
        <div class="user" role="group" aria-label=move || t_string!(i18n, account).to_string()>
            <Suspense>{shown}</Suspense>
        </div>
    }
}
