//! Live lists: a list's first chunk read once (on the server when the page is rendered
//! there), the rest read in the browser chunk by chunk, then kept current by a watch
//! stream that resumes from its last resourceVersion after a dropped connection and
//! relists when that is too old. Lists are ordered as the API lists: namespace, then
//! name, which also tells apart objects of one name in two namespaces.

mod chunks;
#[cfg(feature = "hydrate")]
mod follow;
mod now;

use leptos::prelude::*;

pub use chunks::first_chunk;
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
    /// The objects, in (namespace, name) order.
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

/// Starts following `path` from its first chunk, already read ([`first_chunk`], or a
/// whole list). In the browser the remaining chunks are read, then a watch runs until
/// the calling component is gone; on the server the list stays as read.
pub fn live_list<T: Listed>(path: String, initial: List<T>) -> LiveList<T> {
    let next = chunks::next_token(&initial);
    let mut items = initial.items;
    sort(&mut items);
    let list = LiveList {
        items: RwSignal::new(items),
        connection: RwSignal::new(Connection::Connecting),
    };
    #[cfg(feature = "hydrate")]
    follow::start(path, initial.metadata.resource_version, next, list);
    #[cfg(not(feature = "hydrate"))]
    let _ = (path, next);
    list
}

/// Puts objects in list order.
fn sort<T: Listed>(items: &mut [T]) {
    // Chunks arrive in order, so this mostly finds runs already sorted.
    items.sort_by(|a, b| a.meta().key().cmp(&b.meta().key()));
}

/// Applies one watch event to an ordered list: ADDED and MODIFIED put the object in
/// its place, DELETED takes it out. Unknown event types change nothing.
pub fn apply<T: Listed>(items: &mut Vec<T>, event_type: &str, object: T) {
    let at = items.binary_search_by(|probe| probe.meta().key().cmp(&object.meta().key()));
    match (event_type, at) {
        ("ADDED" | "MODIFIED", Ok(i)) => items[i] = object,
        ("ADDED" | "MODIFIED", Err(i)) => items.insert(i, object),
        ("DELETED", Ok(i)) => {
            items.remove(i);
        }
        _ => {}
    }
}

/// Changes this many or more are merged into the list in one pass: inserting each into
/// a long list would move the whole tail every time.
const MERGE_AT: usize = 32;

/// Applies changes that arrived together, in order, as [`apply`] would one by one.
pub fn apply_all<T: Listed>(items: &mut Vec<T>, changes: Vec<(String, T, String)>) {
    if changes.len() < MERGE_AT {
        for (event_type, object, _) in changes {
            apply(items, &event_type, object);
        }
        return;
    }
    // Each object's last change (a stable sort keeps arrival order within one key), as
    // "keep it" or "take it out".
    let mut latest: Vec<(bool, T)> = changes
        .into_iter()
        .filter_map(|(event_type, object, _)| match event_type.as_str() {
            "ADDED" | "MODIFIED" => Some((true, object)),
            "DELETED" => Some((false, object)),
            _ => None,
        })
        .collect();
    latest.sort_by(|a, b| a.1.meta().key().cmp(&b.1.meta().key()));
    latest.dedup_by(|later, earlier| {
        let same = later.1.meta().key() == earlier.1.meta().key();
        if same {
            std::mem::swap(later, earlier);
        }
        same
    });
    // Both are in key order: one merge, no per-object search or allocation.
    let mut old = std::mem::take(items).into_iter().peekable();
    let mut merged = Vec::with_capacity(old.len() + latest.len());
    for (keep, object) in latest {
        let key = object.meta().key();
        while let Some(before) = old.next_if(|item| item.meta().key() < key) {
            merged.push(before);
        }
        old.next_if(|item| item.meta().key() == key);
        if keep {
            merged.push(object);
        }
    }
    merged.extend(old);
    *items = merged;
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

    #[test]
    fn one_name_in_two_namespaces_is_two_objects() {
        let in_ns = |namespace: &str, rv: &str| {
            let mut object = ns("web", rv);
            object.metadata.namespace = namespace.into();
            object
        };
        let mut items = Vec::new();
        apply(&mut items, "ADDED", in_ns("shop", "1"));
        apply(&mut items, "ADDED", in_ns("blog", "2"));
        apply(&mut items, "MODIFIED", in_ns("shop", "3"));
        let seen: Vec<(String, String)> = items
            .iter()
            .map(|n| {
                (
                    n.metadata.namespace.clone(),
                    n.metadata.resource_version.clone(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![("blog".into(), "2".into()), ("shop".into(), "3".into())]
        );
        apply(&mut items, "DELETED", in_ns("blog", "4"));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].metadata.namespace, "shop");
    }
}
