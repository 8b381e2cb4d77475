//! What a resource list shows, and in what order: a search and a sort by any column,
//! as plain functions over the rows so views only render.

use std::cmp::Ordering;

/// A row of a resource list: what its search looks in and how it sorts by a column.
pub trait Sortable {
    /// The columns the list sorts by.
    type Column: Copy + Eq;
    /// The text a search looks in (lower case).
    fn haystack(&self) -> String;
    /// The order of two rows by `column`, ascending.
    fn compare(&self, other: &Self, column: Self::Column) -> Ordering;
    /// For a column that sorts by a word made from the row (a pod's status word), that
    /// word: it is then made once per row, not once per comparison (a sort of 20,000
    /// rows compares about 300,000 times).
    fn sort_word(&self, _column: Self::Column) -> Option<String> {
        None
    }
}

/// What a resource list is asked to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery<C> {
    /// Text to find in a row (case-insensitive).
    pub search: String,
    /// The column sorted by.
    pub sort: C,
    /// Largest first.
    pub descending: bool,
}

/// A query with a search text, which a search box edits.
pub trait Searched {
    /// The text searched for, to edit.
    fn search_mut(&mut self) -> &mut String;
    /// The text searched for.
    fn search(&self) -> &str;
}

impl<C> Searched for ListQuery<C> {
    fn search_mut(&mut self) -> &mut String {
        &mut self.search
    }
    fn search(&self) -> &str {
        &self.search
    }
}

impl<C: Copy + Eq> ListQuery<C> {
    /// A query sorted by `column`, ascending, with no search.
    pub fn sorted_by(column: C) -> Self {
        ListQuery {
            search: String::new(),
            sort: column,
            descending: false,
        }
    }

    /// The rows of `items` that `keep` admits and the search finds, in the query's
    /// order. The sort is stable, so ties keep the list's own (name) order.
    pub fn apply<T>(&self, items: &[T], keep: impl Fn(&T) -> bool) -> Vec<T>
    where
        T: Sortable<Column = C> + Clone,
    {
        self.select(items, keep)
            .into_iter()
            .map(|i| items[i].clone())
            .collect()
    }

    /// Where in `items` the rows [`ListQuery::apply`] gives are: positions rather than
    /// copies, so a long list is not copied on each change, only the page shown.
    pub fn select<T>(&self, items: &[T], keep: impl Fn(&T) -> bool) -> Vec<usize>
    where
        T: Sortable<Column = C>,
    {
        let needle = self.search.trim().to_lowercase();
        let mut shown: Vec<usize> = (0..items.len())
            .filter(|&i| keep(&items[i]))
            .filter(|&i| needle.is_empty() || items[i].haystack().contains(&needle))
            .collect();
        let words: Vec<Option<String>> = shown
            .first()
            .and_then(|&i| items[i].sort_word(self.sort))
            .map(|_| items.iter().map(|item| item.sort_word(self.sort)).collect())
            .unwrap_or_default();
        // Rust's stable sort finds runs, so a list already in order (the API's name
        // order) costs one comparison per row.
        shown.sort_by(|&a, &b| {
            let order = match (words.get(a), words.get(b)) {
                (Some(a), Some(b)) => a.cmp(b),
                _ => items[a].compare(&items[b], self.sort),
            };
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        shown
    }

    /// The `aria-sort` value of `column`'s header.
    pub fn aria_sort(&self, column: C) -> &'static str {
        match (self.sort == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    /// Sorts by `column`; asked again, turns the order around.
    pub fn toggle(&mut self, column: C) {
        self.descending = self.sort == column && !self.descending;
        self.sort = column;
    }
}

/// Orders creation times so that ascending reads youngest first, as an Age column does
/// (RFC 3339 UTC times order as text).
pub fn by_age(a: Option<&str>, b: Option<&str>) -> Ordering {
    b.cmp(&a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Row(&'static str, u32);

    impl Sortable for Row {
        type Column = bool;
        fn haystack(&self) -> String {
            self.0.to_lowercase()
        }
        fn compare(&self, other: &Self, by_number: bool) -> Ordering {
            if by_number {
                self.1.cmp(&other.1)
            } else {
                self.0.cmp(other.0)
            }
        }
    }

    fn rows() -> Vec<Row> {
        vec![Row("alpha", 3), Row("Beta", 1), Row("gamma", 2)]
    }

    #[test]
    fn search_is_case_insensitive_and_filters_compose() {
        let mut query = ListQuery::sorted_by(false);
        query.search = " BET ".into();
        assert_eq!(query.apply(&rows(), |_| true), [Row("Beta", 1)]);
        query.search = "a".into();
        assert_eq!(
            query.apply(&rows(), |r| r.1 > 1),
            [Row("alpha", 3), Row("gamma", 2)]
        );
    }

    #[test]
    fn toggling_a_column_sorts_then_reverses_and_says_so() {
        let mut query = ListQuery::sorted_by(false);
        query.toggle(true);
        assert_eq!(query.aria_sort(true), "ascending");
        assert_eq!(query.aria_sort(false), "none");
        let numbers: Vec<u32> = query.apply(&rows(), |_| true).iter().map(|r| r.1).collect();
        assert_eq!(numbers, [1, 2, 3]);
        query.toggle(true);
        assert_eq!(query.aria_sort(true), "descending");
        let numbers: Vec<u32> = query.apply(&rows(), |_| true).iter().map(|r| r.1).collect();
        assert_eq!(numbers, [3, 2, 1]);
        query.toggle(false);
        assert_eq!(query.aria_sort(false), "ascending");
    }

    #[test]
    fn age_ascending_is_youngest_first() {
        let old = Some("2026-01-01T00:00:00Z");
        let new = Some("2026-02-01T00:00:00Z");
        assert_eq!(by_age(new, old), Ordering::Less);
        assert_eq!(by_age(old, new), Ordering::Greater);
    }
}
