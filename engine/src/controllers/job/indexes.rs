//! Completions: counted for a NonIndexed Job, by index for an Indexed one
//! (`status.completedIndexes`, written as upstream writes it: `0-2,5`).

use std::collections::BTreeSet;
use std::sync::Arc;

use k8s_openapi::api::batch::v1::{JobSpec, JobStatus};
use k8s_openapi::api::core::v1::Pod;

/// The annotation (and label) giving an Indexed Job's pod its index.
pub(crate) const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";

/// Whether the Job is Indexed.
pub(super) fn indexed(spec: Option<&JobSpec>) -> bool {
    spec.and_then(|s| s.completion_mode.as_deref()) == Some("Indexed")
}

/// A pod's completion index, if it has one.
pub(super) fn index_of(pod: &Pod) -> Option<i32> {
    pod.metadata
        .annotations
        .as_ref()?
        .get(COMPLETION_INDEX)?
        .parse()
        .ok()
}

/// The completed indexes written in `status`.
pub(super) fn completed(status: &JobStatus) -> BTreeSet<i32> {
    let mut set = BTreeSet::new();
    for part in status
        .completed_indexes
        .as_deref()
        .unwrap_or_default()
        .split(',')
    {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (a.trim().parse::<i32>(), b.trim().parse::<i32>()) {
            set.extend(a..=b);
        }
    }
    set
}

/// Adds `index` to the completed indexes, and counts it as a success.
pub(super) fn complete(status: &mut JobStatus, index: i32) {
    let mut set = completed(status);
    if set.insert(index) {
        status.succeeded = Some(set.len() as i32);
        status.completed_indexes = Some(write(&set));
    }
}

/// Upstream's interval notation: runs of consecutive indexes as `a-b`.
fn write(set: &BTreeSet<i32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(i32, i32)> = None;
    for &i in set {
        run = match run {
            Some((a, b)) if i == b + 1 => Some((a, i)),
            Some((a, b)) => {
                parts.push(span(a, b));
                Some((i, i))
            }
            None => Some((i, i)),
        };
    }
    if let Some((a, b)) = run {
        parts.push(span(a, b));
    }
    parts.join(",")
}

fn span(a: i32, b: i32) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}-{b}")
    }
}

/// Whether enough pods have succeeded: `completions` of them (each index, for an
/// Indexed Job); with no `completions` (a work queue), one success and nothing else
/// running.
pub(super) fn succeeded_enough(spec: &JobSpec, status: &JobStatus, active: &[Arc<Pod>]) -> bool {
    let succeeded = status.succeeded.unwrap_or(0);
    match spec.completions {
        Some(completions) => succeeded >= completions,
        None => succeeded > 0 && active.is_empty(),
    }
}

/// The indexes to start next, lowest first: neither completed nor running.
pub(super) fn missing(
    completions: i32,
    status: &JobStatus,
    active: &[Arc<Pod>],
    count: usize,
) -> Vec<i32> {
    let done = completed(status);
    let running: BTreeSet<i32> = active.iter().filter_map(|p| index_of(p)).collect();
    (0..completions)
        .filter(|i| !done.contains(i) && !running.contains(i))
        .take(count)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completed_indexes_round_trip_in_interval_notation() {
        let mut status = JobStatus::default();
        for i in [0, 1, 2, 5, 7, 8] {
            complete(&mut status, i);
        }
        assert_eq!(status.completed_indexes.as_deref(), Some("0-2,5,7-8"));
        assert_eq!(status.succeeded, Some(6));
        complete(&mut status, 5);
        assert_eq!(status.succeeded, Some(6), "an index counts once");
        assert_eq!(completed(&status).len(), 6);
    }
}
