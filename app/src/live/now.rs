//! The current time, ticking every second in the browser, so ages count up.

use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Now(RwSignal<i64>);

/// The browser's clock (the system clock is not reachable from WASM).
#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
fn current_unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The server's clock.
#[cfg(not(all(target_arch = "wasm32", feature = "hydrate")))]
fn current_unix_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The current time as RFC 3339, for stamps such as `kubectl rollout restart`'s.
#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The current time as a stamp. Only the browser writes stamps; elsewhere a unique
/// value (Unix seconds) is all a restart needs.
#[cfg(not(all(target_arch = "wasm32", feature = "hydrate")))]
pub fn now_rfc3339() -> String {
    current_unix_seconds().to_string()
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
