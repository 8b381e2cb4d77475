//! `?limit=` and `?continue=` on lists, as upstream pages them: objects in key order
//! (namespace, then name), an opaque continue token naming where the next page starts
//! and the resourceVersion of the first page, `metadata.remainingItemCount` when no
//! selector narrows the list, 400 for a token that isn't one, and 410 Expired for a
//! token older than the history the store keeps (upstream's compaction).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::status::ApiError;

/// Upstream's message for a continue token past compaction.
pub const TOO_OLD: &str = "The provided continue parameter is too old to display a \
consistent list result. You can start a new list without the continue parameter, or use \
the continue token in this response to retrieve the remainder of the results. Continuing \
with the provided token results in an inconsistent list - objects that were created, \
modified, or deleted between the time the first chunk was returned and now may show up \
in the list.";

/// What a continue token carries (upstream's `continueToken`: the API version of the
/// token format, the resourceVersion of the first page, and the key to start at).
#[derive(Debug, Serialize, Deserialize)]
struct Token {
    v: String,
    rv: u64,
    start: String,
}

const TOKEN_VERSION: &str = "meta.k8s.io/v1";

/// Where a page starts: after `(namespace, name)`, in the list read at `rv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Continue {
    /// The resourceVersion of the list's first page.
    pub rv: u64,
    /// The namespace of the last object served ("" for cluster-scoped kinds).
    pub namespace: String,
    /// The name of the last object served.
    pub name: String,
}

impl Continue {
    /// Reads a token; a malformed one is upstream's 400.
    pub fn decode(token: &str) -> Result<Continue, ApiError> {
        let invalid = |why: &str| ApiError::BadRequest(format!("invalid continue token: {why}"));
        let bytes = STANDARD
            .decode(token)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(token))
            .map_err(|e| invalid(&e.to_string()))?;
        let token: Token = serde_json::from_slice(&bytes).map_err(|e| invalid(&e.to_string()))?;
        if token.v != TOKEN_VERSION {
            return Err(invalid(
                "incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
            ));
        }
        // The key after the last one served: `<namespace>/<name>\0`, or `<name>\0`.
        let key = token
            .start
            .strip_suffix('\0')
            .ok_or_else(|| invalid("continue key is not valid"))?;
        let (namespace, name) = key.split_once('/').unwrap_or(("", key));
        Ok(Continue {
            rv: token.rv,
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        })
    }

    /// The token for the page after `(namespace, name)`.
    pub fn encode(&self) -> String {
        let key = if self.namespace.is_empty() {
            self.name.clone()
        } else {
            format!("{}/{}", self.namespace, self.name)
        };
        let token = Token {
            v: TOKEN_VERSION.to_owned(),
            rv: self.rv,
            start: format!("{key}\0"),
        };
        STANDARD.encode(serde_json::to_vec(&token).unwrap_or_default())
    }

    /// Whether the object at `(namespace, name)` comes after the page's start.
    pub fn admits(&self, namespace: &str, name: &str) -> bool {
        (namespace, name) > (self.namespace.as_str(), self.name.as_str())
    }
}

/// One page of a list.
#[derive(Debug)]
pub struct Page<T> {
    /// The objects.
    pub items: Vec<T>,
    /// Where the next page starts, when there is one.
    pub next: Option<Continue>,
    /// How many objects come after this page.
    pub remaining: usize,
}

/// The page of `objects` (in key order, already filtered) after `start`, at most
/// `limit` long (all of them when `limit` is `None` or 0); `key` gives an object's
/// namespace and name, `rv` the list's resourceVersion.
pub fn page<T>(
    objects: impl Iterator<Item = T>,
    start: Option<&Continue>,
    limit: Option<usize>,
    rv: u64,
    key: impl Fn(&T) -> (String, String),
) -> Page<T> {
    let mut objects = objects.filter(|o| {
        start.is_none_or(|s| {
            let (namespace, name) = key(o);
            s.admits(&namespace, &name)
        })
    });
    let limit = limit.filter(|l| *l > 0).unwrap_or(usize::MAX);
    let items: Vec<T> = objects.by_ref().take(limit).collect();
    let remaining = objects.count();
    let next = (remaining > 0).then(|| items.last()).flatten().map(|last| {
        let (namespace, name) = key(last);
        Continue {
            rv: start.map_or(rv, |s| s.rv),
            namespace,
            name,
        }
    });
    Page {
        items,
        next,
        remaining,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize) -> Vec<(String, String)> {
        let mut keys: Vec<(String, String)> = (0..n)
            .map(|i| (["a", "a-b"][i % 2].to_owned(), format!("pod-{i:02}")))
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn pages_cover_the_list_once_in_key_order() {
        let all = keys(7);
        let mut seen = Vec::new();
        let mut start: Option<Continue> = None;
        loop {
            let page = page(
                all.iter().cloned(),
                start.as_ref(),
                Some(3),
                42,
                Clone::clone,
            );
            seen.extend(page.items.clone());
            match page.next {
                Some(next) => {
                    assert_eq!(next.rv, 42, "later pages keep the first page's version");
                    assert_eq!(page.remaining, all.len() - seen.len());
                    start = Some(Continue::decode(&next.encode()).expect("a token"));
                }
                None => break,
            }
        }
        assert_eq!(seen, all);
    }

    #[test]
    fn malformed_tokens_are_bad_requests() {
        for token in ["%%%", "e30=", "bm90IGpzb24="] {
            assert!(matches!(
                Continue::decode(token),
                Err(ApiError::BadRequest(_))
            ));
        }
        let page = page(keys(2).into_iter(), None, None, 1, Clone::clone);
        assert_eq!((page.items.len(), page.next), (2, None));
    }
}
