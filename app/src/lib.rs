//! Berth's console: a Leptos app rendered on the server and hydrated in the browser.
//!
//! Pages compose components; components show lean view types read from the
//! Kubernetes API's JSON ([`api::model`]); lists stay live through watch streams
//! ([`live`]). Every string comes from `locales/` in English, Chinese and Russian.

#![recursion_limit = "256"]

pub mod api;
mod app;
mod components;
pub mod edits;
pub mod live;
mod pages;
mod routes;
pub mod wizard;
pub mod words;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use app::{shell, App, HOME};

/// The console's translation context, as helpers that pick a string take it.
pub type I18n = leptos_i18n::I18nContext<i18n::Locale>;

/// The browser's entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Waits for the opened page's chunk before hydrating it.
    leptos::mount::hydrate_lazy(App);
}
