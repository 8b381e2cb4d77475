//! Whether the list on screen is live or catching up after a dropped connection.

use leptos::prelude::*;
use stylers::style;

use crate::i18n::*;
use crate::live::Connection;

/// "Connecting…" until the watch opens, "Live" while it is, "Reconnecting…" after it drops.
#[component]
pub fn ConnectionBadge(#[prop(into)] connection: Signal<Connection>) -> impl IntoView {
    let i18n = use_i18n();
    let class = style! {
        .connection {
            font-size: 0.8rem;
            color: var(--muted);
        }
        .connection[data-state="reconnecting"] {
            color: var(--tone-bad-fg);
            font-weight: 600;
        }
    };
    let state = move || match connection.get() {
        Connection::Connecting => "connecting",
        Connection::Live => "live",
        Connection::Reconnecting => "reconnecting",
    };
    view! { class = class,
        <span class="connection" role="status" data-state=state>
            {move || match connection.get() {
                Connection::Connecting => t_string!(i18n, connecting),
                Connection::Live => t_string!(i18n, live),
                Connection::Reconnecting => t_string!(i18n, reconnecting),
            }}
        </span>
    }
}
