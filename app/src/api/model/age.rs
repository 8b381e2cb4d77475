//! Ages as kubectl prints them (`45s`, `3m12s`, `5h`, `2d3h`).

/// Seconds since the Unix epoch of an RFC 3339 UTC time (`2026-11-22T15:04:05Z`, with
/// optional fractional seconds), as the API writes them.
pub fn unix_seconds(rfc3339: &str) -> Option<i64> {
    let b = rfc3339.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' {
        return None;
    }
    let num = |from: usize, to: usize| rfc3339.get(from..to)?.parse::<i64>().ok();
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hh, mm, ss) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3_600 + mm * 60 + ss)
}

/// How long ago `created` was at `now` (Unix seconds), in kubectl's `HumanDuration` form.
pub fn age(created: Option<&str>, now: i64) -> String {
    let Some(then) = created.and_then(unix_seconds) else {
        return "<unknown>".to_owned();
    };
    let s = (now - then).max(0);
    let (m, h, d) = (s / 60, s / 3_600, s / 86_400);
    match s {
        _ if s < 120 => format!("{s}s"),
        _ if m < 10 => format!("{m}m{}s", s % 60),
        _ if h < 3 => format!("{m}m"),
        _ if h < 8 => format!("{h}h{}m", m % 60),
        _ if h < 48 => format!("{h}h"),
        _ if d < 8 => format!("{d}d{}h", h % 24),
        _ if d < 365 * 2 => format!("{d}d"),
        _ => format!("{}y", d / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_api_times() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2026-01-01T00:00:00Z"), Some(1_767_225_600));
        assert_eq!(
            unix_seconds("2026-01-01T00:00:00.250Z"),
            Some(1_767_225_600)
        );
        assert_eq!(unix_seconds("yesterday"), None);
    }

    #[test]
    fn prints_like_kubectl() {
        let t = "2026-01-01T00:00:00Z";
        let at = |s: i64| age(Some(t), 1_767_225_600 + s);
        assert_eq!(at(5), "5s");
        assert_eq!(at(119), "119s");
        assert_eq!(at(3 * 60 + 12), "3m12s");
        assert_eq!(at(45 * 60), "45m");
        assert_eq!(at(5 * 3600 + 60), "5h1m");
        assert_eq!(at(20 * 3600), "20h");
        assert_eq!(at(3 * 86_400 + 3600), "3d1h");
        assert_eq!(age(None, 0), "<unknown>");
    }
}
