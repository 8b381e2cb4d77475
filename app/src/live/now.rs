//! The current time, ticking every second in the browser, so ages count up.

use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Now(RwSignal<i64>);

fn current_unix_seconds() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys_now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

#[cfg(target_arch = "wasm32")]
fn js_sys_now() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// Provides the ticking clock to the app.
pub fn provide_now() {
    let now = RwSignal::new(current_unix_seconds());
    Effect::new(move |_| {
        // Effects run only in the browser: the server renders one instant.
        let handle = set_interval_with_handle(
            move || now.set(current_unix_seconds()),
            std::time::Duration::from_secs(1),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    provide_context(Now(now));
}

/// The current time in Unix seconds (ticking in the browser).
pub fn use_now() -> Signal<i64> {
    match use_context::<Now>() {
        Some(Now(now)) => now.into(),
        None => Signal::derive(current_unix_seconds),
    }
}
