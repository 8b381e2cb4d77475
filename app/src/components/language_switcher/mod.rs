//! Choose the console's language (kept in a cookie, so the server renders it too).

use leptos::prelude::*;

use crate::i18n::*;

/// The languages offered, each named in itself.
const LANGUAGES: [(Locale, &str); 3] = [
    (Locale::en, "English"),
    (Locale::zh_CN, "简体中文"),
    (Locale::ru, "Русский"),
];

/// A labelled select of the console's languages.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if let Some((locale, _)) = LANGUAGES.iter().find(|(l, _)| l.as_str() == chosen) {
            i18n.set_locale(*locale);
        }
    };
    view! {
        <div class="field-inline">
            <label for="language-switcher">{t!(i18n, language)}</label>
            <select id="language-switcher" on:change=on_change>
                {LANGUAGES
                    .map(|(locale, name)| {
                        view! {
                            <option value=locale.as_str() selected=move || i18n.get_locale() == locale>
                                {name}
                            </option>
                        }
                    })}
            </select>
        </div>
    }
}
