//! A Deployment's upgrade strategy, as the Upgrade dialog edits it: rolling (with its
//! two limits) or replace (`Recreate`).

use serde_json::{json, Value};

use crate::wizard::text::{number, text};

/// Upstream's default for both rolling limits.
const DEFAULT_LIMIT: &str = "25%";

/// The strategy as the dialog's fields: replace (`Recreate`) or rolling, and the
/// rolling limits as typed (`25%`, `1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyText {
    /// `Recreate` rather than `RollingUpdate`.
    pub replace: bool,
    /// Pods allowed above the desired count.
    pub max_surge: String,
    /// Pods allowed to be unavailable.
    pub max_unavailable: String,
}

/// The Deployment's strategy; what it leaves out reads as the API's defaults.
pub fn deployment_strategy(deployment: &Value) -> StrategyText {
    let strategy = &deployment["spec"]["strategy"];
    let limit = |key: &str| match text(&strategy["rollingUpdate"][key]) {
        set if !set.is_empty() => set,
        _ => DEFAULT_LIMIT.to_owned(),
    };
    StrategyText {
        replace: strategy["type"] == "Recreate",
        max_surge: limit("maxSurge"),
        max_unavailable: limit("maxUnavailable"),
    }
}

/// The Deployment with `strategy`: a replace drops the rolling limits, which the API
/// refuses alongside it.
pub fn with_strategy(deployment: &Value, strategy: &StrategyText) -> Value {
    let mut edited = deployment.clone();
    edited["spec"]["strategy"] = if strategy.replace {
        json!({ "type": "Recreate" })
    } else {
        let mut rolling = serde_json::Map::new();
        for (key, typed) in [
            ("maxSurge", &strategy.max_surge),
            ("maxUnavailable", &strategy.max_unavailable),
        ] {
            if let Some(value) = number(typed) {
                rolling.insert(key.to_owned(), value);
            }
        }
        json!({ "type": "RollingUpdate", "rollingUpdate": rolling })
    };
    edited
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strategy_reads_with_defaults_and_writes_back_as_the_api_wants_it() {
        let deployment = json!({ "spec": { "strategy": { "type": "RollingUpdate", "rollingUpdate": { "maxSurge": 1 } } } });
        let read = deployment_strategy(&deployment);
        assert_eq!(read.max_surge, "1");
        assert_eq!(read.max_unavailable, "25%");
        let replace = StrategyText {
            replace: true,
            ..read.clone()
        };
        assert_eq!(
            with_strategy(&deployment, &replace)["spec"]["strategy"],
            json!({ "type": "Recreate" })
        );
        let rolling = StrategyText {
            max_unavailable: "0".into(),
            ..read
        };
        assert_eq!(
            with_strategy(&deployment, &rolling)["spec"]["strategy"]["rollingUpdate"],
            json!({ "maxSurge": 1, "maxUnavailable": 0 })
        );
        assert!(!deployment_strategy(&json!({})).replace);
    }
}
