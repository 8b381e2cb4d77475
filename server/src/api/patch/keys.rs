//! How a strategic merge patch merges each list of the served types: the
//! `patchStrategy`/`patchMergeKey` tags of upstream's Go types (`k8s.io/api`), looked up
//! by the field names on the way to the list. Lists without a tag are replaced whole.

/// How a patch's list meets the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMerge {
    /// The patch's list replaces the stored one (untagged lists, e.g. `tolerations`).
    Replace,
    /// Elements are maps matched by this key; matched ones merge, new ones are added.
    ByKey(&'static str),
    /// A set of scalars: the patch's values are added (`metadata.finalizers`).
    Union,
}

/// Lists of containers in a pod spec.
const CONTAINER_LISTS: &[&str] = &["containers", "initContainers", "ephemeralContainers"];

/// The strategy of the list at `path` (field names from the object's root, list
/// positions left out: `spec.template.spec.containers.ports`).
pub fn list_merge(path: &[String]) -> ListMerge {
    let Some(field) = path.last().map(String::as_str) else {
        return ListMerge::Replace;
    };
    let parent = path
        .len()
        .checked_sub(2)
        .and_then(|i| path.get(i))
        .map(String::as_str);
    let in_container = parent.is_some_and(|p| CONTAINER_LISTS.contains(&p));
    match field {
        f if CONTAINER_LISTS.contains(&f) => ListMerge::ByKey("name"),
        // PodSpec (in pods and every template).
        "volumes" | "imagePullSecrets" | "schedulingGates" | "resourceClaims" if !in_container => {
            ListMerge::ByKey("name")
        }
        "hostAliases" => ListMerge::ByKey("ip"),
        "topologySpreadConstraints" => ListMerge::ByKey("topologyKey"),
        // Container.
        "ports" if in_container => ListMerge::ByKey("containerPort"),
        "env" if in_container => ListMerge::ByKey("name"),
        "volumeMounts" if in_container => ListMerge::ByKey("mountPath"),
        "volumeDevices" if in_container => ListMerge::ByKey("devicePath"),
        // ServiceSpec.
        "ports" if path.len() == 2 && path[0] == "spec" => ListMerge::ByKey("port"),
        // ObjectMeta.
        "ownerReferences" if parent == Some("metadata") => ListMerge::ByKey("uid"),
        "finalizers" if parent == Some("metadata") => ListMerge::Union,
        // Status lists (pods, workloads, nodes).
        "conditions" if parent == Some("status") => ListMerge::ByKey("type"),
        "addresses" if parent == Some("status") => ListMerge::ByKey("type"),
        _ => ListMerge::Replace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> ListMerge {
        let path: Vec<String> = path.split('.').map(str::to_owned).collect();
        list_merge(&path)
    }

    #[test]
    fn pod_template_lists_merge_by_upstreams_keys() {
        assert_eq!(
            at("spec.template.spec.containers"),
            ListMerge::ByKey("name")
        );
        assert_eq!(
            at("spec.template.spec.containers.ports"),
            ListMerge::ByKey("containerPort")
        );
        assert_eq!(at("spec.containers.env"), ListMerge::ByKey("name"));
        assert_eq!(
            at("spec.template.spec.initContainers.volumeMounts"),
            ListMerge::ByKey("mountPath")
        );
        assert_eq!(at("spec.template.spec.volumes"), ListMerge::ByKey("name"));
        assert_eq!(
            at("spec.template.spec.imagePullSecrets"),
            ListMerge::ByKey("name")
        );
        assert_eq!(at("spec.template.spec.tolerations"), ListMerge::Replace);
        assert_eq!(at("spec.template.spec.containers.args"), ListMerge::Replace);
    }

    #[test]
    fn other_lists() {
        assert_eq!(at("spec.ports"), ListMerge::ByKey("port"));
        assert_eq!(at("metadata.finalizers"), ListMerge::Union);
        assert_eq!(at("metadata.ownerReferences"), ListMerge::ByKey("uid"));
        assert_eq!(at("status.conditions"), ListMerge::ByKey("type"));
        assert_eq!(at("spec.selector.matchExpressions"), ListMerge::Replace);
    }
}
