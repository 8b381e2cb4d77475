//! When a CronJob's schedule fires, in its time zone: the schedule's calendar
//! ([`rules::cron::Schedule`]) laid over the engine's clock with jiff.

use k8s_openapi::jiff::civil::Date;
use k8s_openapi::jiff::tz::TimeZone;
use k8s_openapi::jiff::Timestamp;
use rules::cron::Schedule;

/// How far a search looks for the next (or latest) time: five years of days, as
/// robfig/cron gives up after five years too.
const SEARCH_DAYS: usize = 5 * 366;

/// The CronJob's time zone: the named one, or UTC (the engine's own zone) when none.
pub(super) fn zone(name: Option<&str>) -> Result<TimeZone, String> {
    match name {
        None => Ok(TimeZone::UTC),
        Some(name) => TimeZone::get(name).map_err(|_| format!("unknown time zone {name}")),
    }
}

/// The times of one day the schedule fires at, earliest first.
fn times_of(schedule: &Schedule, zone: &TimeZone, date: Date) -> Vec<Timestamp> {
    let weekday = date.weekday().to_sunday_zero_offset() as u32;
    if !schedule.day_matches(date.month() as u32, date.day() as u32, weekday) {
        return Vec::new();
    }
    let mut times = Vec::new();
    for hour in schedule.hours() {
        for minute in schedule.minutes() {
            let at = date.at(hour as i8, minute as i8, 0, 0);
            if let Ok(zoned) = at.to_zoned(zone.clone()) {
                times.push(zoned.timestamp());
            }
        }
    }
    times
}

/// The first time after `after` the schedule fires.
pub(super) fn next(schedule: &Schedule, zone: &TimeZone, after: Timestamp) -> Option<Timestamp> {
    let mut date = after.to_zoned(zone.clone()).date();
    for _ in 0..SEARCH_DAYS {
        if let Some(t) = times_of(schedule, zone, date)
            .into_iter()
            .find(|t| *t > after)
        {
            return Some(t);
        }
        date = date.tomorrow().ok()?;
    }
    None
}

/// The latest time at or before `now` the schedule fired, if that is after `after`
/// (upstream's `mostRecentScheduleTime`: the run that is due).
pub(super) fn latest(
    schedule: &Schedule,
    zone: &TimeZone,
    after: Timestamp,
    now: Timestamp,
) -> Option<Timestamp> {
    let mut date = now.to_zoned(zone.clone()).date();
    for _ in 0..SEARCH_DAYS {
        let due = times_of(schedule, zone, date)
            .into_iter()
            .rev()
            .find(|t| *t <= now);
        if let Some(t) = due {
            return (t > after).then_some(t);
        }
        if date < after.to_zoned(zone.clone()).date() {
            return None;
        }
        date = date.yesterday().ok()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn next_and_latest_in_utc() {
        let s = Schedule::parse("*/15 * * * *").expect("parses");
        let utc = zone(None).expect("utc");
        assert_eq!(
            next(&s, &utc, at("2026-01-01T10:07:00Z")),
            Some(at("2026-01-01T10:15:00Z"))
        );
        assert_eq!(
            next(&s, &utc, at("2026-01-01T23:50:00Z")),
            Some(at("2026-01-02T00:00:00Z"))
        );
        assert_eq!(
            latest(
                &s,
                &utc,
                at("2026-01-01T09:00:00Z"),
                at("2026-01-01T10:07:00Z")
            ),
            Some(at("2026-01-01T10:00:00Z"))
        );
        assert_eq!(
            latest(
                &s,
                &utc,
                at("2026-01-01T10:00:00Z"),
                at("2026-01-01T10:07:00Z")
            ),
            None,
            "already run"
        );
    }

    #[test]
    fn a_time_zone_moves_the_hour() {
        let s = Schedule::parse("0 9 * * *").expect("parses");
        let tokyo = zone(Some("Asia/Tokyo")).expect("a zone");
        assert_eq!(
            next(&s, &tokyo, at("2026-01-01T00:30:00Z")),
            Some(at("2026-01-02T00:00:00Z"))
        );
        assert!(zone(Some("Mars/Olympus")).is_err());
    }

    #[test]
    fn a_yearly_schedule_is_found_from_far_away() {
        let s = Schedule::parse("@yearly").expect("parses");
        let utc = zone(None).expect("utc");
        assert_eq!(
            next(&s, &utc, at("2026-03-01T00:00:00Z")),
            Some(at("2027-01-01T00:00:00Z"))
        );
    }
}
