//! Which paths are the Kubernetes API's, as opposed to the console's pages: the server
//! routes them to a cluster, and the console puts its cluster's prefix before them.

/// The roots of the Kubernetes API's paths.
const ROOTS: [&str; 4] = ["/api", "/apis", "/version", "/openapi"];

/// Whether `path` (a query after it is allowed) belongs to the Kubernetes API.
pub fn is_api_path(path: &str) -> bool {
    let path = path.split_once('?').map_or(path, |(route, _)| route);
    ROOTS.iter().any(|root| {
        path.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::is_api_path;

    #[test]
    fn api_paths_are_told_from_pages() {
        for api in [
            "/api",
            "/api/v1/pods",
            "/api/v1/pods?watch=true",
            "/apis/apps/v1",
            "/version",
            "/version/",
            "/openapi/v2",
        ] {
            assert!(is_api_path(api), "{api}");
        }
        for page in [
            "/namespaces/default/pods",
            "/apiary",
            "/",
            "/workloads/create/basic",
            "/berth/clusters",
        ] {
            assert!(!is_api_path(page), "{page}");
        }
    }
}
