//! Labelled form controls bound to a wizard field path: the label names the control,
//! the message under it says what the shared rules (or the server) say of the field.

use leptos::prelude::*;
use stylers::style;

use super::{Choice, ChoiceCards};
use crate::i18n::*;
use crate::wizard::{field_id, violation_text, Message, Wizard};

/// The message under a field, referenced by the control's `aria-describedby`. Its line
/// is reserved even when empty: a message appearing as focus leaves a field must not
/// move the control being clicked.
#[component]
fn FieldMessage(#[prop(into)] path: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let text = move || {
        let message = wizard.message(&path.get())?;
        Some(match message {
            Message::Error(v) => (false, violation_text(i18n, &v)),
            Message::Warning(v) => (true, violation_text(i18n, &v)),
            Message::Server(text) => (false, text),
        })
    };
    let class = field_style();
    view! { class = class,
        <p class="field-message" id=move || format!("{}-message", field_id(&path.get()))
           class:warning=move || text().is_some_and(|(w, _)| w)>
            {move || text().map(|(_, t)| t)}
        </p>
    }
}

fn invalid(wizard: Wizard, path: Signal<String>) -> impl Fn() -> &'static str {
    move || match wizard.message(&path.get()) {
        Some(Message::Error(_) | Message::Server(_)) => "true",
        _ => "false",
    }
}

/// The style shared by every field (a `let`, so stylers' build step collects it).
fn field_style() -> &'static str {
    let class = style! {
        .field {
            display: flex;
            flex-direction: column;
            gap: var(--space-1);
            margin-bottom: var(--space-2);
            max-width: 32rem;
        }
        .wide {
            max-width: none;
        }
        label {
            font-weight: 600;
            font-size: var(--text-sm);
        }
        input[aria-invalid="true"] {
            border-color: var(--danger);
        }
        .field-message {
            margin: 0;
            min-height: 1.25rem;
            line-height: 1.25rem;
            font-size: var(--text-sm);
            color: var(--danger);
        }
        .warning {
            color: var(--warning);
        }
        .hint {
            margin: 0;
            font-size: var(--text-xs);
            color: var(--muted);
        }
    };
    class
}

/// A text input (or a textarea, `multiline`) for the field at `path`.
#[component]
pub fn TextField(
    /// The label: the control's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The field's path in the manifest.
    #[prop(into)]
    path: Signal<String>,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with each new value as it is typed.
    on_input: impl Fn(String) + Send + Sync + 'static,
    /// A short line of help under the control.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Several lines (one argument per line).
    #[prop(optional)]
    multiline: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional, into)]
    suggestions: Option<Signal<String>>,
    /// `text` (default) or `number`-like keyboards via `inputmode`.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let id = move || field_id(&path.get());
    let described = move || format!("{}-message", field_id(&path.get()));
    let on_input = std::sync::Arc::new(on_input);
    let typed = on_input.clone();
    let blur = move |_| wizard.touch(&path.get_untracked());
    let class = field_style();
    let control = if multiline {
        view! { class = class,
            <textarea id=id aria-describedby=described aria-invalid=invalid(wizard, path) rows="3"
                prop:value=move || value.get()
                on:input=move |ev| typed(event_target_value(&ev))
                on:blur=blur></textarea>
        }
        .into_any()
    } else {
        view! { class = class,
            <input id=id type="text" aria-describedby=described aria-invalid=invalid(wizard, path)
                list=move || suggestions.map(|s| s.get()) inputmode=numeric.then_some("numeric")
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))
                on:blur=blur/>
        }
        .into_any()
    };
    view! { class = class,
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {control}
            {hint.map(|h| view! { class = class, <p class="hint">{move || h.get()}</p> })}
            <FieldMessage path/>
        </div>
    }
}

/// A select for the field at `path`, from `(value, label)` options.
#[component]
pub fn SelectField(
    /// The label: the control's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The field's path in the manifest.
    #[prop(into)]
    path: Signal<String>,
    /// The chosen value.
    #[prop(into)]
    value: Signal<String>,
    /// The options: value and label.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Called with the chosen value.
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let id = move || field_id(&path.get());
    let described = move || format!("{}-message", field_id(&path.get()));
    let class = field_style();
    view! { class = class,
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <select id=id aria-describedby=described
                on:change=move |ev| on_change(event_target_value(&ev))
                on:blur=move |_| wizard.touch(&path.get_untracked())>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let chosen = v.clone();
                            view! { <option value=v selected=move || value.get() == chosen>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldMessage path/>
        </div>
    }
}

/// A checkbox for the on/off field at `path`, its label after the box.
#[component]
pub fn CheckField(
    /// The label: the control's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The field's path in the manifest.
    #[prop(into)]
    path: Signal<String>,
    /// Whether it is on.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state.
    on_change: impl Fn(bool) + Send + Sync + 'static,
) -> impl IntoView {
    let id = move || field_id(&path.get());
    let described = move || format!("{}-message", field_id(&path.get()));
    let class = field_style();
    view! { class = class,
        <div class="field check">
            <label>
                <input id=id type="checkbox" aria-describedby=described
                    prop:checked=move || checked.get()
                    on:change=move |ev| on_change(event_target_checked(&ev))/>
                " " {move || label.get()}
            </label>
            <FieldMessage path/>
        </div>
    }
}

/// Option cards for the field at `path` (a pod type, a flavour): the group takes the
/// field's id, so a field in error is focused, and is described by its message.
#[component]
pub fn CardsField(
    /// The group's name.
    #[prop(into)]
    label: Signal<String>,
    /// The field's path in the manifest.
    #[prop(into)]
    path: Signal<String>,
    /// The chosen value.
    #[prop(into)]
    value: Signal<String>,
    /// The options.
    #[prop(into)]
    options: Signal<Vec<Choice>>,
    /// Called with the chosen value.
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let id = Signal::derive(move || field_id(&path.get()));
    let described = Signal::derive(move || format!("{}-message", field_id(&path.get())));
    let choose = Callback::new(move |v: String| {
        wizard.touch(&path.get_untracked());
        on_change(v);
    });
    let class = field_style();
    view! { class = class,
        <div class="field wide">
            <ChoiceCards legend=label name=id.get_untracked() choices=options selected=value
                on_choose=choose id described_by=described/>
            <FieldMessage path/>
        </div>
    }
}
