//! Long lists read in chunks (`limit` and `continue`, which the API serves from one
//! snapshot): the page renders with the first chunk and the browser reads the rest one
//! chunk per task, so no single task parses tens of thousands of objects.

use crate::api::model::{List, Listed};
use crate::api::{get_json, paths, ApiError};

/// How many objects the first read brings: a page of rows, which the server renders
/// and the browser then hydrates in one task, so no more than that.
pub const FIRST_CHUNK: usize = 100;

/// How many objects each further read brings: reading and decoding 500 pods took a
/// task of about 100 ms on the benchmark's machine, 250 half that.
pub const CHUNK: usize = 250;

/// `path` asking for one chunk: the first, or the one `token` names.
pub fn chunk_path(path: &str, token: Option<&str>) -> String {
    match token {
        Some(token) => {
            let limited = paths::with_query(path, "limit", &CHUNK.to_string());
            paths::with_query(&limited, "continue", &paths::encode_value(token))
        }
        None => paths::with_query(path, "limit", &FIRST_CHUNK.to_string()),
    }
}

/// Reads the first chunk of the list at `path`: what a page renders with before the
/// rest arrives ([`super::live_list`] reads it).
pub async fn first_chunk<T: Listed>(path: String) -> Result<List<T>, ApiError> {
    get_json(chunk_path(&path, None)).await
}

/// The token of the chunk after `list`, if there is one.
pub fn next_token<T>(list: &List<T>) -> Option<String> {
    list.metadata.next.clone().filter(|token| !token.is_empty())
}

/// Reads the chunks of `path` after `token`, handing each to `take` as it arrives.
#[cfg(feature = "hydrate")]
pub(super) async fn read_rest<T: Listed>(
    path: &str,
    mut token: Option<String>,
    mut take: impl FnMut(Vec<T>),
) -> Result<(), ApiError> {
    while let Some(at) = token {
        let chunk: List<T> = get_json(chunk_path(path, Some(&at))).await?;
        token = next_token(&chunk);
        take(chunk.items);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::Namespace;

    #[test]
    fn a_chunk_path_carries_the_limit_and_the_encoded_token() {
        assert_eq!(
            chunk_path("/api/v1/pods?labelSelector=app%3Dweb", Some("eyJ2Ijo+/=")),
            "/api/v1/pods?labelSelector=app%3Dweb&limit=250&continue=eyJ2Ijo%2B%2F%3D"
        );
        assert_eq!(chunk_path("/api/v1/pods", None), "/api/v1/pods?limit=100");
    }

    #[test]
    fn the_last_chunk_has_no_next_token() {
        let last: List<Namespace> =
            serde_json::from_str(r#"{"metadata":{"resourceVersion":"7"},"items":[]}"#)
                .expect("a list");
        assert_eq!(next_token(&last), None);
        let more: List<Namespace> = serde_json::from_str(
            r#"{"metadata":{"resourceVersion":"7","continue":"abc"},"items":[]}"#,
        )
        .expect("a list");
        assert_eq!(next_token(&more).as_deref(), Some("abc"));
    }
}
