//! The rules of Jobs and CronJobs (`batch/v1`), as upstream's
//! `pkg/apis/batch/validation` keeps them, over the manifest's JSON like the other
//! workloads' rules.

use crate::cron::Schedule;
use crate::walk::At;
use crate::{Context, Findings, Violation};

use super::at_least;

/// The batch kinds the wizard creates.
pub const KINDS: [&str; 2] = ["Job", "CronJob"];
/// The restart policies a Job's pods may have.
pub const RESTART_POLICIES: &[&str] = &["OnFailure", "Never"];
/// A Job's completion modes.
pub const COMPLETION_MODES: &[&str] = &["NonIndexed", "Indexed"];
/// What a CronJob does when a run is due while the previous one still runs.
pub const CONCURRENCY_POLICIES: &[&str] = &["Allow", "Forbid", "Replace"];
/// The longest CronJob name: its Jobs append an 11-character suffix and must stay
/// within 63 (upstream's rule).
pub const MAX_CRONJOB_NAME: usize = 52;

/// Every broken rule of a Job or CronJob manifest (`kind` is one of [`KINDS`]).
pub(crate) fn validate(kind: &str, root: &At, context: Context) -> Findings {
    let mut findings = Findings::default();
    let meta = root.field("metadata");
    super::metadata(&meta, &mut findings);
    let spec = root.field("spec");
    if kind == "CronJob" {
        let name = meta.field("name");
        if name.str().unwrap_or_default().len() > MAX_CRONJOB_NAME {
            findings.error(
                name.path,
                Violation::TooLong {
                    max: MAX_CRONJOB_NAME,
                },
            );
        }
        cron_job(&spec, &mut findings);
        job(
            &spec.field("jobTemplate").field("spec"),
            context,
            &mut findings,
        );
    } else {
        job(&spec, context, &mut findings);
    }
    findings
}

/// A CronJob's own fields.
fn cron_job(spec: &At, findings: &mut Findings) {
    let schedule = spec.field("schedule");
    match schedule.str() {
        None | Some("") => findings.error(&schedule.path, Violation::Required),
        Some(text) => {
            if let Err(reason) = Schedule::parse(text) {
                findings.error(&schedule.path, Violation::Invalid(reason));
            }
        }
    }
    let zone = spec.field("timeZone");
    if let Some(name) = zone.str() {
        if name.is_empty() || name.contains(' ') {
            findings.error(
                &zone.path,
                Violation::Invalid("timeZone must be nil or non-empty string".to_owned()),
            );
        }
    }
    one_of(
        &spec.field("concurrencyPolicy"),
        CONCURRENCY_POLICIES,
        findings,
    );
    at_least(&spec.field("startingDeadlineSeconds"), 0, findings);
    at_least(&spec.field("successfulJobsHistoryLimit"), 0, findings);
    at_least(&spec.field("failedJobsHistoryLimit"), 0, findings);
}

/// A Job's spec (a Job's, or a CronJob's `jobTemplate.spec`).
fn job(spec: &At, context: Context, findings: &mut Findings) {
    for field in [
        "parallelism",
        "completions",
        "backoffLimit",
        "ttlSecondsAfterFinished",
    ] {
        at_least(&spec.field(field), 0, findings);
    }
    at_least(&spec.field("activeDeadlineSeconds"), 1, findings);
    let mode = spec.field("completionMode");
    one_of(&mode, COMPLETION_MODES, findings);
    let completions = spec.field("completions");
    if mode.str() == Some("Indexed") && !completions.present() {
        findings.error(&completions.path, Violation::Required);
    }
    let template = spec.field("template");
    let restart = template.field("spec").field("restartPolicy");
    match restart.str() {
        Some(policy) if RESTART_POLICIES.contains(&policy) => {}
        Some(other) => findings.error(
            &restart.path,
            Violation::Unsupported {
                value: other.to_owned(),
                allowed: RESTART_POLICIES,
            },
        ),
        None => findings.error(&restart.path, Violation::Required),
    }
    super::template(&template, context, findings);
}

/// Records an error if the string at `at` is set to none of `allowed`.
fn one_of(at: &At, allowed: &'static [&'static str], findings: &mut Findings) {
    if let Some(value) = at.str() {
        if !allowed.contains(&value) {
            findings.error(
                &at.path,
                Violation::Unsupported {
                    value: value.to_owned(),
                    allowed,
                },
            );
        }
    }
}

/// The word for a Job's state, as kubectl's STATUS column gives it (upstream's
/// `printJob` precedence); `holds` says whether a condition type is True.
pub fn job_status(holds: impl Fn(&str) -> bool, deleting: bool) -> &'static str {
    if holds("Complete") {
        "Complete"
    } else if holds("Failed") {
        "Failed"
    } else if deleting {
        "Terminating"
    } else if holds("Suspended") {
        "Suspended"
    } else if holds("FailureTarget") {
        "FailureTarget"
    } else if holds("SuccessCriteriaMet") {
        "SuccessCriteriaMet"
    } else {
        "Running"
    }
}

/// kubectl's COMPLETIONS cell: `2/3`, or `0/1 of 4` for a work queue run 4 at a time.
pub fn completions_text(
    succeeded: i32,
    completions: Option<i32>,
    parallelism: Option<i32>,
) -> String {
    match (completions, parallelism) {
        (Some(completions), _) => format!("{succeeded}/{completions}"),
        (None, Some(parallelism)) if parallelism > 1 => format!("{succeeded}/1 of {parallelism}"),
        _ => format!("{succeeded}/1"),
    }
}
