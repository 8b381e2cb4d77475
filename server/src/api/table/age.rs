//! Ages as kubectl shows them: upstream's `duration.HumanDuration`, two or three
//! significant figures (`5s`, `3m12s`, `2d`).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use k8s_openapi::jiff::Timestamp;

/// A duration of `seconds` (fractions dropped), as upstream's `HumanDuration` writes it.
pub fn human_duration(seconds: i64) -> String {
    // Up to a second in the future is "now": clocks drift (upstream's tolerance).
    if seconds < -1 {
        return "<invalid>".to_owned();
    }
    if seconds < 0 {
        return "0s".to_owned();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        return with_rest(minutes, "m", seconds % 60, "s");
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        return with_rest(hours, "h", minutes % 60, "m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        return with_rest(hours / 24, "d", hours % 24, "h");
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        return with_rest(hours / 24 / 365, "y", (hours / 24) % 365, "d");
    }
    format!("{}y", hours / 24 / 365)
}

/// `3m12s`, or `3m` when the smaller unit is zero.
fn with_rest(big: i64, big_unit: &str, small: i64, small_unit: &str) -> String {
    if small == 0 {
        format!("{big}{big_unit}")
    } else {
        format!("{big}{big_unit}{small}{small_unit}")
    }
}

/// How long ago `at` was (upstream's `translateTimestampSince`): `<unknown>` for none.
pub fn since(at: Option<Timestamp>, now: Timestamp) -> String {
    match at {
        Some(at) => human_duration(now.duration_since(at).as_secs()),
        None => "<unknown>".to_owned(),
    }
}

/// [`since`] for a `metav1.Time`.
pub fn since_time(at: Option<&Time>, now: Timestamp) -> String {
    since(at.map(|t| t.0), now)
}

/// The `Age` cell of an object created at `created`, at `now`.
pub fn cell(created: Option<&Time>, now: Timestamp) -> serde_json::Value {
    serde_json::Value::String(since_time(created, now))
}

/// [`since`] for a `metav1.MicroTime`.
pub fn since_micro(at: Option<&MicroTime>, now: Timestamp) -> String {
    since(at.map(|t| t.0), now)
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    #[test]
    fn ages_read_like_kubectl() {
        let cases = [
            (-5, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (5, "5s"),
            (119, "119s"),
            (120, "2m"),
            (192, "3m12s"),
            (600, "10m"),
            (179 * 60 + 59, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 5 * 60, "3h5m"),
            (8 * 3600, "8h"),
            (47 * 3600, "47h"),
            (48 * 3600, "2d"),
            (50 * 3600, "2d2h"),
            (8 * 24 * 3600, "8d"),
            (2 * 365 * 24 * 3600, "2y"),
            (3 * 365 * 24 * 3600 + 24 * 3600, "3y1d"),
            (9 * 365 * 24 * 3600, "9y"),
        ];
        for (seconds, want) in cases {
            assert_eq!(human_duration(seconds), want, "{seconds}s");
        }
    }
}
