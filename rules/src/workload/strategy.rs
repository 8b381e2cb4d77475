//! Update strategies: Deployment `strategy`, StatefulSet and DaemonSet `updateStrategy`
//! (SPEC §1.4, seed 004), with upstream's int-or-percent rules.

use super::container::one_of;
use crate::walk::At;
use crate::{Findings, Violation};

const DEPLOYMENT: [&str; 2] = ["RollingUpdate", "Recreate"];
const ON_DELETE: [&str; 2] = ["RollingUpdate", "OnDelete"];
const POD_MANAGEMENT: [&str; 2] = ["OrderedReady", "Parallel"];

/// Checks the strategy of a workload of `kind`.
pub(super) fn validate(kind: &str, spec: &At, findings: &mut Findings) {
    let (strategy, allowed): (At, &'static [&'static str]) = match kind {
        "Deployment" => (spec.field("strategy"), &DEPLOYMENT),
        _ => (spec.field("updateStrategy"), &ON_DELETE),
    };
    let type_ = strategy.field("type");
    let name = type_.str().unwrap_or("RollingUpdate");
    if !allowed.contains(&name) {
        findings.error(
            &type_.path,
            Violation::Unsupported {
                value: name.to_owned(),
                allowed,
            },
        );
        return;
    }
    let rolling = strategy.field("rollingUpdate");
    if name != "RollingUpdate" && rolling.present() {
        findings.error(rolling.path, Violation::NotWithStrategy(name.to_owned()));
        return;
    }
    if kind == "StatefulSet" {
        super::at_least(&rolling.field("partition"), 0, findings);
        let unavailable = rolling.field("maxUnavailable");
        if int_or_percent(&unavailable, findings) == Some(0) {
            findings.error(unavailable.path, Violation::AtLeast { min: 1 });
        }
        one_of(
            &spec.field("podManagementPolicy"),
            &POD_MANAGEMENT,
            findings,
        );
        return;
    }
    let surge = rolling.field("maxSurge");
    let unavailable = rolling.field("maxUnavailable");
    let surge_value = int_or_percent(&surge, findings);
    let unavailable_value = int_or_percent(&unavailable, findings);
    // Upstream defaults: a Deployment surges 25%, a DaemonSet does not surge.
    let surge_value = surge_value.or(if surge.present() {
        None
    } else if kind == "Deployment" {
        Some(25)
    } else {
        Some(0)
    });
    let unavailable_value = unavailable_value.or(if unavailable.present() {
        None
    } else {
        Some(25)
    });
    if surge_value == Some(0) && unavailable_value == Some(0) {
        findings.error(unavailable.path, Violation::BothZero);
    }
}

/// Reads an int-or-percent, recording an error if it is neither; `Some(0)` for a zero.
fn int_or_percent(at: &At, findings: &mut Findings) -> Option<i64> {
    let value = match (at.int(), at.str()) {
        (Some(n), _) if n >= 0 => Some(n),
        (None, Some(text)) => text
            .strip_suffix('%')
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| (0..=100).contains(n)),
        _ if !at.present() => return None,
        _ => None,
    };
    if value.is_none() {
        findings.error(&at.path, Violation::IntOrPercent);
    }
    value
}
