//! Which cluster the console shows: the `/c/<name>` prefix of the page's URL, or none
//! for the cluster the server serves by default. The prefix is the router's base, so
//! every link of the page stays in its cluster, and it is put before every API path the
//! page reads, so the page only ever speaks to its own cluster.

/// The prefix of the page's cluster (`/c/east`), or `""` for the default cluster.
pub fn cluster_base() -> String {
    base_of(&current_path())
}

/// The cluster prefix at the start of `path`, or `""`.
pub fn base_of(path: &str) -> String {
    match path.strip_prefix("/c/").map(|rest| rest.split('/').next()) {
        Some(Some(segment)) if !segment.is_empty() => format!("/c/{segment}"),
        _ => String::new(),
    }
}

/// The name of the page's cluster, decoded, or `None` for the default cluster.
pub fn cluster_name() -> Option<String> {
    let base = cluster_base();
    let segment = base.strip_prefix("/c/")?;
    Some(decode(segment))
}

/// The console's own path for `name`'s cluster.
pub fn base_for(name: &str) -> String {
    format!("/c/{}", crate::api::paths::encode_value(name))
}

/// `path` (`/api/v1/pods`) as the page's cluster serves it (`/c/east/api/v1/pods`);
/// paths outside the Kubernetes API (`/berth/clusters`) stay as they are.
pub fn api_url(path: &str) -> String {
    // Berth's own readers of the API (Secrets without values) take the cluster's
    // path after their prefix.
    for reader in ["/berth/keys-only", "/berth/reveal"] {
        if let Some(inner) = path.strip_prefix(reader) {
            return format!("{reader}{}", api_url(inner));
        }
    }
    if rules::api_path::is_api_path(path) {
        format!("{}{path}", cluster_base())
    } else {
        path.to_owned()
    }
}

/// A console path (`/namespaces/default/pods`) in the page's cluster, for a link's
/// `href`: the router puts its base before the paths it navigates to, not before links.
pub fn in_cluster(path: &str) -> String {
    format!("{}{path}", cluster_base())
}

/// `pathname` without the page's cluster prefix: the path the routes see.
pub fn strip_base(pathname: &str) -> &str {
    let base = base_of(pathname);
    match pathname.strip_prefix(base.as_str()) {
        Some("") => "/",
        Some(rest) => rest,
        None => pathname,
    }
}

fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(feature = "ssr")]
fn current_path() -> String {
    leptos::prelude::use_context::<leptos_router::location::RequestUrl>()
        .and_then(|url| url.parse().ok())
        .map(|url| url.path().to_owned())
        .unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn current_path() -> String {
    String::new()
}

#[cfg(test)]
mod tests {
    use super::{base_for, base_of, decode};

    #[test]
    fn the_prefix_is_the_first_segment_after_c() {
        assert_eq!(base_of("/c/east/namespaces/default/pods"), "/c/east");
        assert_eq!(base_of("/c/east"), "/c/east");
        assert_eq!(base_of("/namespaces/default/pods"), "");
        assert_eq!(base_of("/c/"), "");
    }

    #[test]
    fn names_round_trip_through_their_segment() {
        let name = "arn:aws:eks:eu-west-1:1:cluster/prod";
        let base = base_for(name);
        assert!(!base["/c/".len()..].contains('/'), "{base}");
        assert_eq!(decode(&base["/c/".len()..]), name);
    }
}
