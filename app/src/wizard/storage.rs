//! Keeps the draft in the tab's session storage, so a reload (or a wander to another
//! page) loses nothing typed.

use leptos::prelude::*;

use super::Draft;

#[cfg(feature = "hydrate")]
const KEY: &str = "berth.wizard.draft";

/// Loads the stored draft once the page is live, then stores every change.
pub fn keep(draft: RwSignal<Draft>) {
    let loaded = StoredValue::new(false);
    Effect::new(move |_| {
        let current = draft.get();
        if !loaded.get_value() {
            loaded.set_value(true);
            if let Some(stored) = load() {
                if stored != current {
                    draft.set(stored);
                }
                return;
            }
        }
        save(&current);
    });
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

#[cfg(feature = "hydrate")]
fn load() -> Option<Draft> {
    let text = storage()?.get_item(KEY).ok()??;
    serde_json::from_str(&text).ok()
}

#[cfg(feature = "hydrate")]
fn save(draft: &Draft) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(KEY, &text);
    }
}

#[cfg(not(feature = "hydrate"))]
fn load() -> Option<Draft> {
    None
}

#[cfg(not(feature = "hydrate"))]
fn save(_: &Draft) {}
