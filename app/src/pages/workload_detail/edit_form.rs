//! What the dialogs that edit a workload as read share: the manifest read when the
//! dialog opened, a message per field, and why the last attempt failed. The write
//! carries the read's `resourceVersion`, so an edit made stale by someone else is
//! refused (409) and said so instead of overwriting their change.

use leptos::prelude::*;

use super::actions::failure_text;
use crate::api::{get_json, put_json};
use crate::I18n;

/// An edit dialog's state: `R` is what it made of the manifest it read (the values
/// its fields edit). A handle: copy it into every field.
pub(super) struct EditForm<R: Send + Sync + 'static> {
    /// The manifest as read and what the dialog made of it; `None` until read.
    pub read: RwSignal<Option<(serde_json::Value, R)>>,
    /// The message of each field that has one, by the field's index.
    pub errors: RwSignal<Vec<(usize, String)>>,
    /// Why the last read or write failed.
    pub failure: RwSignal<Option<String>>,
}

// Signals are handles: the state is Copy whatever `R` is.
impl<R: Send + Sync + 'static> Clone for EditForm<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: Send + Sync + 'static> Copy for EditForm<R> {}

impl<R: Send + Sync + 'static> EditForm<R> {
    /// Reads the manifest at `path` and makes the fields' values of it with `prepare`
    /// (or says why it cannot: the failure `prepare` gives, or the read's).
    pub fn open(
        i18n: I18n,
        path: String,
        prepare: impl FnOnce(&serde_json::Value) -> Result<R, String> + 'static,
    ) -> Self {
        let form = EditForm {
            read: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
        };
        let request = get_json::<serde_json::Value>(path);
        leptos::task::spawn_local(async move {
            let prepared = match request.await {
                Ok(manifest) => prepare(&manifest).map(|values| (manifest, values)),
                Err(e) => Err(failure_text(i18n, &e)),
            };
            match prepared {
                Ok(read) => form.read.set(Some(read)),
                Err(text) => form.failure.set(Some(text)),
            }
        });
        form
    }

    /// Whether the manifest has been read (the form can be submitted).
    pub fn ready(self) -> Signal<bool> {
        Signal::derive(move || self.read.with(Option::is_some))
    }

    /// The message of the field at `index`.
    pub fn error(self, index: usize) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.errors
                .with(|e| e.iter().find(|(i, _)| *i == index).map(|(_, t)| t.clone()))
        })
    }

    /// Writes `edited` to `path`; then tells `on_done` what `done` says, or says why it
    /// failed.
    pub fn save(
        self,
        i18n: I18n,
        path: String,
        edited: &serde_json::Value,
        done: fn(I18n) -> String,
        on_done: Callback<String>,
    ) {
        let request = put_json(path, edited);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => on_done.run(done(i18n)),
                Err(e) => self.failure.set(Some(failure_text(i18n, &e))),
            }
        });
    }
}
