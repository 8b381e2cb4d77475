//! The cells an event's row ends with, wherever events are listed: the message with
//! its plain-language hint for the seed's troubleshooting cases, how often it happened,
//! and when last.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::{Event, Trouble};
use crate::i18n::*;
use crate::live::use_now;

/// The hint for a troubleshooting case.
fn hint(i18n: crate::I18n, trouble: Trouble) -> String {
    match trouble {
        Trouble::ImagePull => t_string!(i18n, hint_image_pull),
        Trouble::Restart => t_string!(i18n, hint_restart),
    }
    .to_string()
}

/// Message (with its hint), count and last seen: three cells of an event's row.
#[component]
pub fn EventMessageCells(event: Event) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let trouble = event.trouble();
    let seen = event.last_seen().map(str::to_owned);
    let class = style! {
        .hint {
            margin: 0.25rem 0 0;
            color: var(--warning);
            font-size: 0.9rem;
        }
    };
    view! { class = class,
        <td class="text">
            {event.message.clone()}
            {trouble.map(|t| view! { class = class, <p class="hint">{move || hint(i18n, t)}</p> })}
        </td>
        <td>{event.count.unwrap_or(1)}</td>
        <td>{move || crate::words::age(i18n, seen.as_deref(), now.get())}</td>
    }
}
