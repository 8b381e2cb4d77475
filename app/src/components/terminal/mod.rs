//! A terminal into a container: a shell over `pods/exec`, drawn by xterm.js, which the
//! page loads the first time a terminal opens. It says whether it is connected, how
//! its shell ended, and reconnects on request.

use leptos::prelude::*;
use stylers::style;

use crate::i18n::*;

/// Where a terminal's connection is.
#[derive(Debug, Clone, PartialEq)]
// The server only ever draws a terminal connecting: the browser moves it on.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Link {
    Connecting,
    Connected,
    Exited(i32),
    Closed,
    Failed(String),
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl Link {
    /// The glue's report (`connected`, `exited:3`, `failed:why`, `closed`).
    fn from_report(report: &str) -> Self {
        match report.split_once(':') {
            Some(("exited", code)) => Link::Exited(code.parse().unwrap_or(1)),
            Some(("failed", why)) => Link::Failed(why.to_owned()),
            _ if report == "connected" => Link::Connected,
            _ => Link::Closed,
        }
    }

    fn ended(&self) -> bool {
        !matches!(self, Link::Connecting | Link::Connected)
    }
}

/// A terminal on the exec socket at `path` (an API path with its query), a region
/// named `label`; `on_close` hears its Close button.
#[component]
pub fn Terminal(
    /// The exec request's API path, query included.
    path: String,
    /// The region's accessible name (`Terminal: web`).
    label: String,
    /// Told when the person closes it.
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = RwSignal::new(Link::Connecting);
    let attempt = RwSignal::new(0_u32);
    let screen = NodeRef::<leptos::html::Div>::new();
    let input_label = t_string!(i18n, terminal_input).to_string();
    #[cfg(feature = "hydrate")]
    glue::connect(
        screen,
        crate::api::cluster::api_url(&path),
        input_label,
        link,
        attempt,
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = (path, input_label);
    let said = move || match link.get() {
        Link::Connecting => t_string!(i18n, terminal_connecting).to_string(),
        Link::Connected => t_string!(i18n, terminal_connected).to_string(),
        Link::Exited(code) => t_string!(i18n, terminal_exited, code).to_string(),
        Link::Closed => t_string!(i18n, terminal_closed).to_string(),
        Link::Failed(why) if why.is_empty() => t_string!(i18n, terminal_failed).to_string(),
        Link::Failed(why) => format!("{}: {why}", t_string!(i18n, terminal_failed)),
    };
    let class = style! {
        section {
            border: 1px solid var(--border);
            border-radius: var(--radius-md);
            margin-top: var(--space-3);
            overflow: hidden;
        }
        .bar {
            display: flex;
            align-items: center;
            gap: var(--space-2);
            padding: var(--space-2) var(--space-3);
            border-bottom: 1px solid var(--border);
        }
        .bar h2 {
            margin: 0;
            font-size: var(--text-sm);
            font-family: var(--mono);
        }
        .bar span {
            color: var(--muted);
            font-size: var(--text-sm);
        }
        .push {
            margin-left: auto;
        }
        .screen {
            height: 22rem;
            padding: var(--space-2);
            background: #111;
        }
    };
    view! { class = class,
        <section role="region" aria-label=label.clone()>
            <div class="bar">
                <h2>{label.clone()}</h2>
                <span role="status">{said}</span>
                <span class="push"></span>
                <Show when=move || link.with(Link::ended)>
                    <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                        {t!(i18n, terminal_reconnect)}
                    </button>
                </Show>
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    {t!(i18n, terminal_close)}
                </button>
            </div>
            <div class="screen" node_ref=screen></div>
        </section>
    }
}

/// The browser side: xterm.js and the socket, through `terminal.js`.
#[cfg(feature = "hydrate")]
mod glue {
    use std::cell::RefCell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::Link;

    #[wasm_bindgen(module = "/src/components/terminal/terminal.js")]
    extern "C" {
        #[wasm_bindgen(js_name = openTerminal)]
        fn open_terminal(
            element: &web_sys::HtmlElement,
            path: &str,
            label: &str,
            report: &js_sys::Function,
        ) -> js_sys::Promise;
    }

    /// The terminal open now: its handle once loaded, the closure its socket reports
    /// through, and which opening it is.
    #[derive(Default)]
    struct Open {
        handle: Option<JsValue>,
        report: Option<Closure<dyn FnMut(String)>>,
        generation: u32,
    }

    /// Calls the handle's `close()`.
    fn close(handle: &JsValue) {
        let close = js_sys::Reflect::get(handle, &JsValue::from_str("close"));
        if let Ok(close) = close.and_then(|f| f.dyn_into::<js_sys::Function>()) {
            let _ = close.call0(handle);
        }
    }

    /// Opens the terminal once its screen is in the page, and again at each new
    /// `attempt`; closes it when the component goes.
    pub(super) fn connect(
        screen: NodeRef<leptos::html::Div>,
        path: String,
        label: String,
        link: RwSignal<Link>,
        attempt: RwSignal<u32>,
    ) {
        let current = SendWrapper::new(Rc::new(RefCell::new(Open::default())));
        let open = current.clone();
        Effect::new(move |_| {
            attempt.track();
            let Some(element) = screen.get() else {
                return;
            };
            let generation = {
                let mut now = open.borrow_mut();
                if let Some(old) = now.handle.take() {
                    close(&old);
                }
                now.generation += 1;
                now.generation
            };
            let _ = link.try_set(Link::Connecting);
            let report = Closure::<dyn FnMut(String)>::new(move |word: String| {
                let _ = link.try_set(Link::from_report(&word));
            });
            let promise = open_terminal(&element, &path, &label, report.as_ref().unchecked_ref());
            // The socket reports for as long as it lives: the closure goes with it.
            open.borrow_mut().report = Some(report);
            let slot = Rc::clone(&open);
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    // A reconnect (or the component's end) came while this one loaded.
                    Ok(handle) if slot.borrow().generation != generation => close(&handle),
                    Ok(handle) => slot.borrow_mut().handle = Some(handle),
                    Err(_) => {
                        let _ = link.try_set(Link::Failed(String::new()));
                    }
                }
            });
        });
        on_cleanup(move || {
            let mut now = current.borrow_mut();
            now.generation += 1;
            if let Some(handle) = now.handle.take() {
                close(&handle);
            }
        });
    }
}
