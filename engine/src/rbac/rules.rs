//! Whether one RBAC rule allows a request (upstream's `RuleAllows` and its matchers in
//! `pkg/apis/rbac/v1/evaluation_helpers.go`).

use k8s_openapi::api::rbac::v1::PolicyRule;

use super::Attributes;

const ALL: &str = "*";

/// Whether `rule` allows the request `attributes` describe.
pub fn rule_allows(attributes: &Attributes, rule: &PolicyRule) -> bool {
    if !has(Some(&rule.verbs), &attributes.verb) {
        return false;
    }
    if !attributes.resource_request {
        return non_resource_url_matches(rule.non_resource_urls.as_deref(), &attributes.path);
    }
    has(rule.api_groups.as_ref(), &attributes.api_group)
        && resource_matches(rule.resources.as_deref(), attributes)
        && resource_name_matches(rule.resource_names.as_deref(), &attributes.name)
}

/// `*` or the value itself.
fn has(list: Option<&Vec<String>>, value: &str) -> bool {
    list.into_iter().flatten().any(|v| v == ALL || v == value)
}

/// `*`, the resource (`pods`), the resource with its subresource (`pods/log`), or any
/// resource's subresource (`*/scale`).
fn resource_matches(resources: Option<&[String]>, attributes: &Attributes) -> bool {
    let combined = attributes.full_resource();
    let any_with = format!("*/{}", attributes.subresource);
    resources.into_iter().flatten().any(|r| {
        r == ALL || *r == combined || (!attributes.subresource.is_empty() && *r == any_with)
    })
}

/// No names means every name; otherwise the request must name one of them.
fn resource_name_matches(names: Option<&[String]>, name: &str) -> bool {
    match names {
        None | Some([]) => true,
        Some(names) => names.iter().any(|n| n == name),
    }
}

/// `*`, the path itself, or a prefix ending in `*` (`/apis/*`).
fn non_resource_url_matches(urls: Option<&[String]>, path: &str) -> bool {
    urls.into_iter().flatten().any(|url| {
        url == ALL
            || url == path
            || url
                .strip_suffix('*')
                .is_some_and(|prefix| path.starts_with(prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::rule_allows;
    use crate::rbac::Attributes;
    use k8s_openapi::api::rbac::v1::PolicyRule;

    fn strings(values: &[&str]) -> Option<Vec<String>> {
        Some(values.iter().map(|v| (*v).to_owned()).collect())
    }

    fn rule(verbs: &[&str], groups: &[&str], resources: &[&str]) -> PolicyRule {
        PolicyRule {
            verbs: strings(verbs).unwrap_or_default(),
            api_groups: strings(groups),
            resources: strings(resources),
            ..Default::default()
        }
    }

    fn request(verb: &str, group: &str, resource: &str, subresource: &str) -> Attributes {
        Attributes {
            verb: verb.into(),
            resource_request: true,
            api_group: group.into(),
            resource: resource.into(),
            subresource: subresource.into(),
            namespace: "a".into(),
            ..Default::default()
        }
    }

    #[test]
    fn verbs_groups_and_resources_must_all_match() {
        let pods = rule(&["get", "list"], &[""], &["pods"]);
        assert!(rule_allows(&request("list", "", "pods", ""), &pods));
        assert!(!rule_allows(&request("delete", "", "pods", ""), &pods));
        assert!(!rule_allows(&request("list", "apps", "pods", ""), &pods));
        assert!(!rule_allows(&request("list", "", "secrets", ""), &pods));
        // A subresource is its own resource: pods do not grant pods/log.
        assert!(!rule_allows(&request("get", "", "pods", "log"), &pods));
        let logs = rule(&["get"], &[""], &["pods/log"]);
        assert!(rule_allows(&request("get", "", "pods", "log"), &logs));
        let scales = rule(&["update"], &["apps"], &["*/scale"]);
        assert!(rule_allows(
            &request("update", "apps", "deployments", "scale"),
            &scales
        ));
        let everything = rule(&["*"], &["*"], &["*"]);
        assert!(rule_allows(
            &request("deletecollection", "apps", "deployments", ""),
            &everything
        ));
    }

    #[test]
    fn names_and_paths_narrow_a_rule() {
        let mut one = rule(&["get"], &[""], &["configmaps"]);
        one.resource_names = strings(&["settings"]);
        let mut named = request("get", "", "configmaps", "");
        named.name = "settings".into();
        assert!(rule_allows(&named, &one));
        named.name = "other".into();
        assert!(!rule_allows(&named, &one));
        let discovery = PolicyRule {
            verbs: vec!["get".into()],
            non_resource_urls: strings(&["/version", "/apis/*"]),
            ..Default::default()
        };
        let path = |p: &str| Attributes {
            verb: "get".into(),
            path: p.into(),
            ..Default::default()
        };
        assert!(rule_allows(&path("/version"), &discovery));
        assert!(rule_allows(&path("/apis/apps/v1"), &discovery));
        assert!(!rule_allows(&path("/metrics"), &discovery));
    }
}
