//! Light, dark, or as the system says: the choice is kept in the browser's storage and
//! put on `<html data-theme>`, where the style's `color-scheme` follows it.

use leptos::prelude::*;

use crate::i18n::*;

/// Where the choice is kept.
#[cfg(feature = "hydrate")]
const KEY: &str = "berth-theme";

/// Sets the stored theme before the page is painted, so a dark choice never flashes
/// light: the document shell runs this in its `<head>`.
pub const EARLY_SCRIPT: &str = "try{var t=localStorage.getItem('berth-theme');\
if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}";

/// The themes offered: the system's, or always light, or always dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    fn value(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn name(self, i18n: crate::I18n) -> String {
        match self {
            Theme::System => t_string!(i18n, theme_system),
            Theme::Light => t_string!(i18n, theme_light),
            Theme::Dark => t_string!(i18n, theme_dark),
        }
        .to_string()
    }
}

/// A labelled select of the themes.
#[component]
pub fn ThemeSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(Theme::System);
    // The server can't know the browser's storage: read it once hydrated.
    Effect::new(move |_| {
        if let Some(theme) = stored() {
            chosen.set(theme);
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let theme = Theme::ALL
            .into_iter()
            .find(|t| t.value() == value)
            .unwrap_or(Theme::System);
        chosen.set(theme);
        apply(theme);
    };
    view! {
        <div class="field-inline">
            <label for="theme-switcher">{t!(i18n, theme)}</label>
            <select id="theme-switcher" on:change=on_change>
                {Theme::ALL
                    .map(|theme| view! {
                        <option value=theme.value() selected=move || chosen.get() == theme>
                            {move || theme.name(i18n)}
                        </option>
                    })}
            </select>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn stored() -> Option<Theme> {
    let value = web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(KEY)
        .ok()??;
    Theme::ALL.into_iter().find(|t| t.value() == value)
}

#[cfg(not(feature = "hydrate"))]
fn stored() -> Option<Theme> {
    None
}

#[cfg(feature = "hydrate")]
fn apply(theme: Theme) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            _ => root.set_attribute("data-theme", theme.value()),
        };
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = match theme {
            Theme::System => storage.remove_item(KEY),
            _ => storage.set_item(KEY, theme.value()),
        };
    }
}

#[cfg(not(feature = "hydrate"))]
fn apply(_: Theme) {}
