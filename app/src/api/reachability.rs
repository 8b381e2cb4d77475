//! Whether the page's cluster answers. Berth answers a `Status` 503 naming the cluster
//! (`details.group: berth.dev`) when the cluster behind it is unreachable; every answer
//! the console reads is noted here, so one banner can say so for the whole page.

use leptos::prelude::*;

/// The message of the last "cluster unreachable" answer, until an answer arrives again.
pub fn unreachable() -> Signal<Option<String>> {
    #[cfg(feature = "hydrate")]
    {
        STATE.with(|state| state.clone().into())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Signal::stored(None)
    }
}

/// Notes an answer of the API: `code` and its body.
pub fn note_answer(code: u16, body: &str) {
    let reason = unreachable_reason(code, body);
    #[cfg(feature = "hydrate")]
    STATE.with(|state| {
        if state.with_untracked(|now| *now != reason) {
            state.set(reason);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = reason;
}

/// The message when (`code`, `body`) says the cluster is unreachable.
pub fn unreachable_reason(code: u16, body: &str) -> Option<String> {
    if code != 503 {
        return None;
    }
    let status: serde_json::Value = serde_json::from_str(body).ok()?;
    (status.pointer("/details/group")?.as_str()? == "berth.dev")
        .then(|| status["message"].as_str().unwrap_or_default().to_owned())
}

#[cfg(feature = "hydrate")]
thread_local! {
    static STATE: ArcRwSignal<Option<String>> = ArcRwSignal::new(None);
}

#[cfg(test)]
mod tests {
    use super::unreachable_reason;

    #[test]
    fn only_berths_own_503_means_the_cluster_is_unreachable() {
        let berth = r#"{"kind":"Status","code":503,"message":"the cluster \"east\" is unreachable: connection refused","details":{"name":"east","group":"berth.dev","kind":"clusters"}}"#;
        assert_eq!(
            unreachable_reason(503, berth).as_deref(),
            Some("the cluster \"east\" is unreachable: connection refused")
        );
        let cluster_own = r#"{"kind":"Status","code":503,"message":"etcd is down"}"#;
        assert_eq!(unreachable_reason(503, cluster_own), None);
        assert_eq!(unreachable_reason(200, berth), None);
    }
}
