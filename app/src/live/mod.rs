//! Live lists: a list read once (on the server when the page is rendered there), then
//! kept current in the browser by a watch stream that resumes from its last
//! resourceVersion after a dropped connection and relists when that is too old.

#[cfg(feature = "hydrate")]
mod follow;
mod now;

use leptos::prelude::*;

pub use now::{now_rfc3339, provide_now, use_now};

use crate::api::model::{List, Listed};

/// Whether a live list is receiving changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Rendered, but the watch is not open yet (what the server renders).
    Connecting,
    /// The watch is open.
    Live,
    /// The watch dropped; the console is trying again.
    Reconnecting,
}

/// A list of objects that follows the server.
#[derive(Debug)]
pub struct LiveList<T: Send + Sync + 'static> {
    /// The objects, in name order.
    pub items: RwSignal<Vec<T>>,
    /// The state of the watch behind it.
    pub connection: RwSignal<Connection>,
}

// Signals are handles: the list is Copy whatever `T` is (a derive would demand `T: Copy`).
impl<T: Send + Sync + 'static> Clone for LiveList<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for LiveList<T> {}

/// Starts following `path` from the list already read from it. In the browser a watch
/// runs until the calling component is gone; on the server the list stays as read.
pub fn live_list<T: Listed>(path: String, initial: List<T>) -> LiveList<T> {
    let mut items = initial.items;
    items.sort_by(|a, b| a.meta().name.cmp(&b.meta().name));
    let list = LiveList {
        items: RwSignal::new(items),
        connection: RwSignal::new(Connection::Connecting),
    };
    #[cfg(feature = "hydrate")]
    follow::start(path, initial.metadata.resource_version, list);
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
    list
}

/// Applies one watch event to a name-ordered list: ADDED and MODIFIED put the object
/// in its place, DELETED takes it out. Unknown event types change nothing.
pub fn apply<T: Listed>(items: &mut Vec<T>, event_type: &str, object: T) {
    let name = object.meta().name.clone();
    let at = items.binary_search_by(|probe| probe.meta().name.cmp(&name));
    match (event_type, at) {
        ("ADDED" | "MODIFIED", Ok(i)) => items[i] = object,
        ("ADDED" | "MODIFIED", Err(i)) => items.insert(i, object),
        ("DELETED", Ok(i)) => {
            items.remove(i);
        }
        _ => {}
    }
}

/// Changes this many or more are applied by rebuilding the list once: inserting each
/// into a long list would move the whole tail every time.
const REBUILD_AT: usize = 32;

/// Applies changes that arrived together, in order, as [`apply`] would one by one.
pub fn apply_all<T: Listed>(items: &mut Vec<T>, changes: Vec<(String, T, String)>) {
    if changes.len() < REBUILD_AT {
        for (event_type, object, _) in changes {
            apply(items, &event_type, object);
        }
        return;
    }
    let mut by_name: std::collections::BTreeMap<String, T> = std::mem::take(items)
        .into_iter()
        .map(|item| (item.meta().name.clone(), item))
        .collect();
    for (event_type, object, _) in changes {
        let name = object.meta().name.clone();
        match event_type.as_str() {
            "ADDED" | "MODIFIED" => {
                by_name.insert(name, object);
            }
            "DELETED" => {
                by_name.remove(&name);
            }
            _ => {}
        }
    }
    *items = by_name.into_values().collect();
}

#[cfg(test)]
mod tests {
    use super::{apply, apply_all};
    use crate::api::model::{Meta, Namespace};

    fn ns(name: &str, rv: &str) -> Namespace {
        Namespace {
            metadata: Meta {
                name: name.into(),
                resource_version: rv.into(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn events_keep_the_list_in_name_order() {
        let mut items = vec![ns("a", "1"), ns("c", "2")];
        apply(&mut items, "ADDED", ns("b", "3"));
        apply(&mut items, "MODIFIED", ns("c", "4"));
        apply(&mut items, "DELETED", ns("a", "5"));
        apply(&mut items, "BOOKMARK", ns("z", "6"));
        let seen: Vec<(String, String)> = items
            .iter()
            .map(|n| (n.metadata.name.clone(), n.metadata.resource_version.clone()))
            .collect();
        assert_eq!(
            seen,
            vec![("b".into(), "3".into()), ("c".into(), "4".into())]
        );
    }

    #[test]
    fn many_changes_at_once_end_as_one_by_one() {
        let start: Vec<Namespace> = (0..50).map(|i| ns(&format!("n{i:03}"), "1")).collect();
        let mut changes = Vec::new();
        for i in 0..60 {
            let kind = match i % 3 {
                0 => "ADDED",
                1 => "MODIFIED",
                _ => "DELETED",
            };
            changes.push((
                kind.to_owned(),
                ns(&format!("n{:03}", i * 7 % 90), &i.to_string()),
                String::new(),
            ));
        }
        let mut one_by_one = start.clone();
        for (kind, object, _) in changes.clone() {
            apply(&mut one_by_one, &kind, object);
        }
        let mut together = start;
        apply_all(&mut together, changes);
        assert_eq!(together, one_by_one);
    }
}
