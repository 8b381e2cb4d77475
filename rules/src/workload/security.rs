//! Security contexts, the pod's and each container's (seed 004): ids in range, and
//! upstream's refusal of a privileged container that may not escalate.

use crate::walk::At;
use crate::{Findings, Violation};

/// The largest user or group id (upstream's `validation.MaxUserID`).
const MAX_ID: i64 = 2_147_483_647;

/// Checks a security context; `pod` for the pod's own (which has `fsGroup`).
pub(super) fn validate(context: &At, pod: bool, findings: &mut Findings) {
    if !context.present() {
        return;
    }
    let mut ids = vec!["runAsUser", "runAsGroup"];
    if pod {
        ids.push("fsGroup");
    }
    for field in ids {
        let id = context.field(field);
        match id.int() {
            Some(n) if !(0..=MAX_ID).contains(&n) => findings.error(
                id.path,
                Violation::Between {
                    min: 0,
                    max: MAX_ID,
                },
            ),
            None if id.present() => findings.error(id.path, Violation::WholeNumber),
            _ => {}
        }
    }
    let escalation = context.field("allowPrivilegeEscalation");
    let privileged = context.field("privileged").value == Some(&serde_json::Value::Bool(true));
    if privileged && escalation.value == Some(&serde_json::Value::Bool(false)) {
        findings.error(escalation.path, Violation::PrivilegedWithoutEscalation);
    }
    let non_root = context.field("runAsNonRoot").value == Some(&serde_json::Value::Bool(true));
    let user = context.field("runAsUser");
    if non_root && user.int() == Some(0) {
        findings.warning(user.path, Violation::RootWhileNonRoot);
    }
}
