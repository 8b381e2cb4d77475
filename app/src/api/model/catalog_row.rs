//! The image catalog (`rules::catalog`) as rows of the Images page.

use std::cmp::Ordering;

use rules::catalog::Image;

use super::list_query::Sortable;

/// The columns of the image list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImageColumn {
    /// The repository name.
    #[default]
    Name,
    /// How many tags it has.
    Tags,
    /// Its compressed size.
    Size,
    /// The ports it listens on.
    Ports,
}

/// An image's ports as text (`80, 443`), empty when it listens on none.
pub fn ports_text(image: &Image) -> String {
    image
        .ports
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Sortable for Image {
    type Column = ImageColumn;

    fn haystack(&self) -> String {
        format!("{} {} {}", self.name, self.tags.join(" "), ports_text(self)).to_lowercase()
    }

    fn compare(&self, other: &Self, column: ImageColumn) -> Ordering {
        match column {
            ImageColumn::Name => self.name.cmp(other.name),
            ImageColumn::Tags => self.tags.len().cmp(&other.tags.len()),
            ImageColumn::Size => self.size_mb.cmp(&other.size_mb),
            ImageColumn::Ports => self.ports.cmp(other.ports),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::list_query::ListQuery;
    use rules::catalog::{Source, IMAGES};

    #[test]
    fn the_catalog_searches_by_tag_and_sorts_by_size() {
        let mut query = ListQuery::sorted_by(ImageColumn::Size);
        query.search = "bookworm".into();
        let found = query.apply(IMAGES, |_| true);
        assert!(!found.is_empty());
        assert!(found.iter().all(|i| i.tags.contains(&"bookworm")));
        query.search.clear();
        let mine = query.apply(IMAGES, |i| i.source == Source::Mine);
        let sizes: Vec<u32> = mine.iter().map(|i| i.size_mb).collect();
        let mut sorted = sizes.clone();
        sorted.sort();
        assert_eq!(sizes, sorted);
        assert_eq!(ports_text(&IMAGES[0]), "80");
    }
}
