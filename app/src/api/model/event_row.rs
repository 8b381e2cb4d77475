//! Events as rows of the namespace's event list: newest first by default, filtered by
//! type, sortable by every column.

use std::cmp::Ordering;

use super::list_query::{by_age, Sortable};
use super::Event;

/// The types an event list can be filtered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventTypeFilter {
    /// Every event.
    #[default]
    All,
    /// `Normal` events only.
    Normal,
    /// `Warning` events only.
    Warning,
}

impl EventTypeFilter {
    /// Every filter, in the select's order.
    pub const ALL: [EventTypeFilter; 3] = [
        EventTypeFilter::All,
        EventTypeFilter::Normal,
        EventTypeFilter::Warning,
    ];

    /// Whether `event` passes.
    pub fn admits(self, event: &Event) -> bool {
        match self {
            EventTypeFilter::All => true,
            EventTypeFilter::Normal => !event.is_warning(),
            EventTypeFilter::Warning => event.is_warning(),
        }
    }
}

/// The columns of the event list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventColumn {
    /// When it last happened; ascending is newest first, as an age reads.
    #[default]
    LastSeen,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// Normal or Warning.
    Type,
    /// Its reason.
    Reason,
    /// The object it is about.
    Object,
    /// Its message.
    Message,
    /// How often it happened.
    Count,
}

impl Event {
    /// The object it is about, as `Kind/name`.
    pub fn object_text(&self) -> String {
        format!(
            "{}/{}",
            self.involved_object.kind, self.involved_object.name
        )
    }
}

impl Sortable for Event {
    type Column = EventColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {} {} {}",
            self.metadata.namespace,
            self.kind,
            self.reason,
            self.object_text(),
            self.message
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: EventColumn) -> Ordering {
        match column {
            EventColumn::LastSeen => by_age(self.last_seen(), other.last_seen()),
            EventColumn::Namespace => self.metadata.namespace.cmp(&other.metadata.namespace),
            EventColumn::Type => self.kind.cmp(&other.kind),
            EventColumn::Reason => self.reason.cmp(&other.reason),
            EventColumn::Object => self.object_text().cmp(&other.object_text()),
            EventColumn::Message => self.message.cmp(&other.message),
            EventColumn::Count => self.count.unwrap_or(1).cmp(&other.count.unwrap_or(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::list_query::ListQuery;

    fn event(name: &str, kind: &str, last: &str) -> Event {
        serde_json::from_str(&format!(
            r#"{{"metadata":{{"name":"{name}"}},"type":"{kind}","reason":"R","message":"m",
                "involvedObject":{{"kind":"Pod","name":"p"}},"lastTimestamp":"{last}"}}"#
        ))
        .expect("event")
    }

    #[test]
    fn newest_first_by_default_and_filtered_by_type() {
        let events = vec![
            event("a", "Normal", "2026-01-01T00:00:01Z"),
            event("b", "Warning", "2026-01-01T00:00:03Z"),
            event("c", "Normal", "2026-01-01T00:00:02Z"),
        ];
        let query = ListQuery::<EventColumn>::default();
        let names = |shown: Vec<Event>| -> Vec<String> {
            shown.into_iter().map(|e| e.metadata.name).collect()
        };
        assert_eq!(names(query.apply(&events, |_| true)), ["b", "c", "a"]);
        let warnings = query.apply(&events, |e| EventTypeFilter::Warning.admits(e));
        assert_eq!(names(warnings), ["b"]);
        let normal = query.apply(&events, |e| EventTypeFilter::Normal.admits(e));
        assert_eq!(names(normal), ["c", "a"]);
    }
}
