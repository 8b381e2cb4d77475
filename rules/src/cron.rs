//! A CronJob's schedule, read as upstream reads it (robfig/cron's standard parser:
//! five fields, or one of the `@yearly`…`@hourly` descriptors). The form checks a
//! schedule with it and the engine's CronJob controller runs on it; the clock (and
//! the time zone) are the engine's. A crate was not used because the field's crates
//! carry their own date library, and the engine's is jiff.

/// A parsed schedule: the minutes, hours, days, months and weekdays it fires on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    minutes: u64,
    hours: u64,
    days: u64,
    months: u64,
    weekdays: u64,
    /// The day of month was `*` (or `?`): then only the weekday decides, and the other
    /// way round; when both are restricted, either matching is enough (cron's rule).
    any_day: bool,
    any_weekday: bool,
}

/// One field's bounds and the names it accepts.
struct Field {
    what: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const MINUTE: Field = Field {
    what: "minute",
    min: 0,
    max: 59,
    names: &[],
};
const HOUR: Field = Field {
    what: "hour",
    min: 0,
    max: 23,
    names: &[],
};
const DAY: Field = Field {
    what: "day of month",
    min: 1,
    max: 31,
    names: &[],
};
const MONTH: Field = Field {
    what: "month",
    min: 1,
    max: 12,
    names: &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
};
const WEEKDAY: Field = Field {
    what: "day of week",
    min: 0,
    // Sunday may be written 7 as well as 0.
    max: 7,
    names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
};

impl Schedule {
    /// Reads a schedule; the error is upstream's wording after `unparseable schedule: `
    /// or names the time-zone prefix upstream refuses.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.starts_with("TZ=") || text.starts_with("CRON_TZ=") {
            return Err("cannot use TZ or CRON_TZ in schedule, use timeZone field instead".into());
        }
        let expanded = match text {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            other if other.starts_with('@') => {
                return Err(format!("unrecognized descriptor: {other}"));
            }
            other => other,
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(format!(
                "expected exactly 5 fields, found {}: [{}]",
                fields.len(),
                fields.join(" ")
            ));
        }
        let star = |f: &str| f == "*" || f == "?";
        Ok(Schedule {
            minutes: bits(fields[0], &MINUTE)?,
            hours: bits(fields[1], &HOUR)?,
            days: bits(fields[2], &DAY)?,
            months: bits(fields[3], &MONTH)?,
            // Sunday may be written 7.
            weekdays: {
                let b = bits(fields[4], &WEEKDAY)?;
                (b | (b >> 7)) & 0x7f
            },
            any_day: star(fields[2]),
            any_weekday: star(fields[4]),
        })
    }

    /// Whether the schedule fires at this minute of the calendar (`weekday` 0 is
    /// Sunday).
    pub fn matches(&self, month: u32, day: u32, weekday: u32, hour: u32, minute: u32) -> bool {
        self.day_matches(month, day, weekday) && has(self.hours, hour) && has(self.minutes, minute)
    }

    /// Whether the schedule fires at some time of this day.
    pub fn day_matches(&self, month: u32, day: u32, weekday: u32) -> bool {
        let by_day = has(self.days, day);
        let by_weekday = has(self.weekdays, weekday);
        let day_ok = match (self.any_day, self.any_weekday) {
            (true, _) | (_, true) => by_day && by_weekday,
            (false, false) => by_day || by_weekday,
        };
        has(self.months, month) && day_ok
    }

    /// The hours of a day it fires in, in order.
    pub fn hours(&self) -> impl Iterator<Item = u32> + '_ {
        (0..24).filter(|h| has(self.hours, *h))
    }

    /// The minutes of an hour it fires at, in order.
    pub fn minutes(&self) -> impl Iterator<Item = u32> + '_ {
        (0..60).filter(|m| has(self.minutes, *m))
    }
}

fn has(bits: u64, n: u32) -> bool {
    bits & (1 << n) != 0
}

/// The values one comma-separated field stands for.
fn bits(text: &str, field: &Field) -> Result<u64, String> {
    let mut out = 0;
    for part in text.split(',') {
        out |= range(part, field)?;
    }
    Ok(out)
}

/// One `*`, `n`, `a-b`, each with an optional `/step`.
fn range(part: &str, field: &Field) -> Result<u64, String> {
    let (span, step) = match part.split_once('/') {
        Some((span, step)) => {
            let step: u32 = step
                .parse()
                .map_err(|_| format!("failed to parse int from {step}"))?;
            if step == 0 {
                return Err(format!("step of range should be a positive number: {part}"));
            }
            (span, Some(step))
        }
        None => (part, None),
    };
    let (start, end) = if span == "*" || span == "?" {
        (field.min, field.max)
    } else if let Some((a, b)) = span.split_once('-') {
        (value(a, field)?, value(b, field)?)
    } else {
        let start = value(span, field)?;
        // `n/step` runs from n to the field's end (robfig's rule).
        (start, if step.is_some() { field.max } else { start })
    };
    if start < field.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {part}",
            field.min
        ));
    }
    if end > field.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {part}",
            field.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {part}"
        ));
    }
    let mut bits = 0;
    let mut n = start;
    while n <= end {
        bits |= 1 << n;
        n += step.unwrap_or(1);
    }
    Ok(bits)
}

/// A number, or one of the field's names (`jan`, `mon`, any case).
fn value(text: &str, field: &Field) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(i) = field.names.iter().position(|n| *n == lower) {
        return Ok(i as u32 + field.min);
    }
    text.parse()
        .map_err(|_| format!("failed to parse int from {text}: {} field", field.what))
}

#[cfg(test)]
mod tests {
    use super::Schedule;

    #[test]
    fn every_minute_and_descriptors() {
        let every = Schedule::parse("* * * * *").expect("parses");
        assert!(every.matches(1, 1, 0, 0, 0) && every.matches(12, 31, 6, 23, 59));
        let hourly = Schedule::parse("@hourly").expect("parses");
        assert!(hourly.matches(3, 4, 2, 5, 0) && !hourly.matches(3, 4, 2, 5, 1));
    }

    #[test]
    fn steps_ranges_lists_and_names() {
        let s = Schedule::parse("*/15 9-17 * JAN,jul MON-FRI").expect("parses");
        assert_eq!(s.minutes().collect::<Vec<_>>(), [0, 15, 30, 45]);
        assert_eq!(s.hours().count(), 9);
        assert!(s.matches(7, 10, 1, 9, 30));
        assert!(!s.matches(7, 12, 0, 9, 30), "a Sunday");
        assert!(!s.matches(2, 10, 1, 9, 30), "February");
        assert_eq!(
            Schedule::parse("5/20 * * * *")
                .expect("parses")
                .minutes()
                .collect::<Vec<_>>(),
            [5, 25, 45]
        );
    }

    #[test]
    fn day_and_weekday_either_when_both_are_restricted() {
        let s = Schedule::parse("0 0 13 * 5").expect("parses");
        assert!(s.day_matches(1, 13, 2), "the 13th");
        assert!(s.day_matches(1, 9, 5), "a Friday");
        assert!(!s.day_matches(1, 9, 4));
        let sunday = Schedule::parse("0 0 * * 7").expect("7 is Sunday");
        assert!(sunday.day_matches(1, 2, 0));
    }

    #[test]
    fn refusals_in_upstreams_words() {
        assert_eq!(
            Schedule::parse("bad"),
            Err("expected exactly 5 fields, found 1: [bad]".to_owned())
        );
        assert!(Schedule::parse("60 * * * *")
            .unwrap_err()
            .contains("above maximum"));
        assert!(Schedule::parse("TZ=UTC * * * * *")
            .unwrap_err()
            .contains("timeZone field"));
        assert!(Schedule::parse("*/0 * * * *").is_err());
        assert!(Schedule::parse("@reboot").is_err());
    }
}
