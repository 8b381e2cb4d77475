//! A small form in a dialog: a line of help, labelled fields each with its message,
//! the line saying why the last attempt failed, then the submit button and Cancel.

use leptos::prelude::*;

use super::Modal;
use crate::i18n::*;

/// A dialog holding a form. The fields are its children; submitting runs `on_submit`
/// (the page does not reload), and the submit button waits for `ready`.
#[component]
pub fn FormModal(
    /// The heading, which names the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// The id of the heading (unique on the page).
    id: &'static str,
    /// The line of help above the fields.
    #[prop(into)]
    hint: Signal<String>,
    /// The submit button's text.
    #[prop(into)]
    submit_label: Signal<String>,
    /// Whether the form can be submitted yet (what it edits has been read).
    #[prop(into)]
    ready: Signal<bool>,
    /// Why the last attempt failed, said as an alert (a stale edit, a refusal).
    #[prop(into)]
    failure: Signal<Option<String>>,
    /// Called on submit.
    on_submit: Callback<()>,
    /// Called on Cancel and Escape.
    on_cancel: Callback<()>,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <Modal title id on_cancel>
            <form on:submit=submit novalidate>
                <p>{hint}</p>
                {children()}
                <p class="error" role="alert">{move || failure.get()}</p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" disabled=move || !ready.get()>
                        {submit_label}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}

/// A labelled input of a [`FormModal`], its message under it (and named by it).
#[component]
pub fn ModalField(
    /// The input's id (unique on the page); its message's id adds `-error`.
    id: String,
    /// The label: the input's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The value typed.
    value: RwSignal<String>,
    /// What is wrong with it, if anything.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// A number input with this least value (a text input without).
    #[prop(optional)]
    min: Option<&'static str>,
    /// Called after each edit (to clear the form's messages).
    on_edit: Callback<()>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let kind = if min.is_some() { "number" } else { "text" };
    view! {
        <div class="dialog-field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind min=min
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| { value.set(event_target_value(&ev)); on_edit.run(()); }/>
            <span id=error_id class="error">{move || error.get()}</span>
        </div>
    }
}
