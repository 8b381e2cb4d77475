//! Typed text to manifest values and back: numbers stay numbers only when they are
//! numbers, so what was typed is never silently changed.

use serde_json::{json, Value};

/// A number as typed: a JSON number when it is one, the text otherwise (so the rules
/// can say it is not a number), nothing when empty.
pub fn number(text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(
        text.parse::<i64>()
            .map_or_else(|_| json!(text), |n| json!(n)),
    )
}

/// One entry per non-empty line.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Text of a string or a number (`25%` or `3`), empty when absent.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// One line per item of an array of strings.
pub fn joined(value: &Value) -> String {
    value
        .as_array()
        .map(|items| items.iter().map(text).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}
