//! What a page shows while its data loads, and when it could not.

use leptos::prelude::*;
use stylers::style;

use crate::api::ApiError;
use crate::i18n::*;

/// While a page's first read is under way: grey bars where its rows will be (a
/// skeleton, so the page doesn't jump when they come), and "Loading…" for screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    let class = style! {
        .skeleton {
            display: grid;
            gap: var(--space-2);
            max-width: 48rem;
        }
        .bar {
            height: 1.1rem;
            border-radius: var(--radius-sm);
            background: linear-gradient(90deg, var(--border), var(--accent-soft), var(--border));
            background-size: 200% 100%;
            animation: shimmer 1.4s ease-in-out infinite;
        }
        .bar:last-child {
            width: 60%;
        }
        @keyframes shimmer {
            from {
                background-position: 100% 0;
            }
            to {
                background-position: -100% 0;
            }
        }
        @media (prefers-reduced-motion: reduce) {
            .bar {
                animation: none;
            }
        }
    };
    view! { class = class,
        <div class="skeleton">
            <p class="visually-hidden">{t!(i18n, loading)}</p>
            <div class="bar" aria-hidden="true"></div>
            <div class="bar" aria-hidden="true"></div>
            <div class="bar" aria-hidden="true"></div>
            <div class="bar" aria-hidden="true"></div>
        </div>
    }
}

/// Why a page's data could not be read, as an alert.
#[component]
pub fn LoadFailed(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let message = error.to_string();
    view! { <p role="alert" class="error">{t!(i18n, load_failed, message)}</p> }
}
