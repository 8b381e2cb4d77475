//! Kubernetes' own words (a pod's status, a condition's type and status, an event's
//! type) in the reader's language. A word the console doesn't know stays as Kubernetes
//! says it, which is also what people search for.

use crate::i18n::*;

/// A pod's status in the reader's language: the phases and the words kubectl makes up
/// are translated; a container's reason (`CrashLoopBackOff`, `ErrImagePull`) is kept as
/// Kubernetes says it, since that is what people search for.
pub fn pod_status(i18n: crate::I18n, status: &str) -> String {
    match status {
        "Running" => t_string!(i18n, status_running),
        "Failed" => t_string!(i18n, status_failed),
        "Pending" => t_string!(i18n, pod_pending),
        "Terminating" => t_string!(i18n, pod_terminating),
        "Succeeded" => t_string!(i18n, pod_succeeded),
        "Completed" => t_string!(i18n, pod_completed),
        "ContainerCreating" => t_string!(i18n, pod_container_creating),
        "PodInitializing" => t_string!(i18n, pod_initializing),
        "Unknown" => t_string!(i18n, pod_unknown),
        reason => return reason.to_owned(),
    }
    .to_string()
}

/// A condition's type in the reader's language (Kubernetes' own word when it is one
/// the console does not know).
pub fn condition_type(i18n: crate::I18n, kind: &str) -> String {
    match kind {
        "Available" => t_string!(i18n, cond_available),
        "Progressing" => t_string!(i18n, cond_progressing),
        "ReplicaFailure" => t_string!(i18n, cond_replica_failure),
        "Ready" => t_string!(i18n, cond_ready),
        "PodScheduled" => t_string!(i18n, cond_pod_scheduled),
        "Initialized" => t_string!(i18n, cond_initialized),
        "ContainersReady" => t_string!(i18n, cond_containers_ready),
        "PodReadyToStartContainers" => t_string!(i18n, cond_ready_to_start),
        other => return other.to_owned(),
    }
    .to_string()
}

/// A condition's status (`True`, `False`, `Unknown`) in the reader's language.
pub fn condition_status(i18n: crate::I18n, status: &str) -> String {
    match status {
        "True" => t_string!(i18n, cond_true),
        "False" => t_string!(i18n, cond_false),
        "Unknown" => t_string!(i18n, cond_unknown),
        other => return other.to_owned(),
    }
    .to_string()
}

/// An event's type (`Normal`, `Warning`) in the reader's language.
pub fn event_type(i18n: crate::I18n, warning: bool) -> String {
    if warning {
        t_string!(i18n, event_warning).to_string()
    } else {
        t_string!(i18n, event_normal).to_string()
    }
}

/// How long ago `since` was at `now`, kubectl's way (`3m12s`, `2d3h`) with the units
/// in the reader's language (`3分12秒`, `3 мин 12 с`).
pub fn age(i18n: crate::I18n, since: Option<&str>, now: i64) -> String {
    let short = crate::api::model::age(since, now);
    let units = match i18n.get_locale() {
        Locale::zh_CN => [
            ("s", "秒"),
            ("m", "分"),
            ("h", "小时"),
            ("d", "天"),
            ("y", "年"),
        ],
        Locale::ru => [
            ("s", " с"),
            ("m", " мин"),
            ("h", " ч"),
            ("d", " д"),
            ("y", " г"),
        ],
        _ => return short,
    };
    localize_units(&short, &units)
}

/// `3m12s` with each unit letter replaced, parts joined by a space when the units are
/// words (`3 мин 12 с`).
fn localize_units(short: &str, units: &[(&str, &str); 5]) -> String {
    if !short.starts_with(|c: char| c.is_ascii_digit()) {
        return short.to_owned();
    }
    let spaced = units[0].1.starts_with(' ');
    let mut out = String::new();
    for c in short.chars() {
        if c.is_ascii_digit() {
            if spaced && out.ends_with(|l: char| !l.is_ascii_digit()) {
                out.push(' ');
            }
            out.push(c);
        } else {
            let letter = c.to_string();
            let word = units
                .iter()
                .find(|(u, _)| *u == letter)
                .map_or(letter.as_str(), |(_, w)| w);
            out.push_str(word);
        }
    }
    out
}

/// An upgrade strategy's type (`RollingUpdate`, `Recreate`, `OnDelete`) as people read
/// it; none is a rolling upgrade, Kubernetes' default.
pub fn strategy(i18n: crate::I18n, strategy: Option<&str>) -> String {
    match strategy {
        Some("Recreate") => t_string!(i18n, strategy_replace),
        Some("OnDelete") => t_string!(i18n, strategy_on_delete),
        _ => t_string!(i18n, strategy_rolling),
    }
    .to_string()
}

/// Why an action is disabled: the API said the user may not do what `question` asks.
pub fn refusal(i18n: crate::I18n, question: &crate::api::access::Question) -> String {
    let resource = question.resource_name();
    if question.namespace.is_empty() {
        t_string!(
            i18n,
            may_not_cluster,
            verb = question.verb,
            resource = resource
        )
        .to_string()
    } else {
        let namespace = question.namespace.clone();
        t_string!(
            i18n,
            may_not,
            verb = question.verb,
            resource = resource,
            namespace = namespace
        )
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::localize_units;

    #[test]
    fn ages_read_in_chinese_and_russian() {
        let zh = [
            ("s", "秒"),
            ("m", "分"),
            ("h", "小时"),
            ("d", "天"),
            ("y", "年"),
        ];
        let ru = [
            ("s", " с"),
            ("m", " мин"),
            ("h", " ч"),
            ("d", " д"),
            ("y", " г"),
        ];
        assert_eq!(localize_units("3m12s", &zh), "3分12秒");
        assert_eq!(localize_units("20m", &zh), "20分");
        assert_eq!(localize_units("2d3h", &ru), "2 д 3 ч");
        assert_eq!(localize_units("45s", &ru), "45 с");
        assert_eq!(localize_units("<unknown>", &ru), "<unknown>");
    }
}
