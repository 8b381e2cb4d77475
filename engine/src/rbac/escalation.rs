//! Upstream's escalation check (`pkg/registry/rbac/validation`): a user may write a role
//! or a binding only if they already hold every permission it grants (or may
//! `escalate`/`bind`), so RBAC can't be used to give oneself more.

use k8s_openapi::api::rbac::v1::PolicyRule;

const ALL: &str = "*";

/// Whether the `owner` rules grant every permission the `servant` rules grant
/// (upstream's `Covers`, over each servant rule broken down into single permissions).
pub fn covers(owner: &[PolicyRule], servant: &[PolicyRule]) -> bool {
    servant.iter().all(|rule| {
        breakdown(rule)
            .iter()
            .all(|one| owner.iter().any(|o| rule_covers(o, one)))
    })
}

/// One rule as rules of one verb, group, resource and name (or URL) each.
fn breakdown(rule: &PolicyRule) -> Vec<PolicyRule> {
    let single = |value: &String| Some(vec![value.clone()]);
    let mut out = Vec::new();
    for verb in &rule.verbs {
        for url in rule.non_resource_urls.iter().flatten() {
            out.push(PolicyRule {
                verbs: vec![verb.clone()],
                non_resource_urls: single(url),
                ..Default::default()
            });
        }
        for group in rule.api_groups.iter().flatten() {
            for resource in rule.resources.iter().flatten() {
                let names: Vec<Option<Vec<String>>> = match rule.resource_names.as_deref() {
                    None | Some([]) => vec![None],
                    Some(names) => names.iter().map(single).collect(),
                };
                for names in names {
                    out.push(PolicyRule {
                        verbs: vec![verb.clone()],
                        api_groups: single(group),
                        resources: single(resource),
                        resource_names: names,
                        ..Default::default()
                    });
                }
            }
        }
    }
    out
}

fn has_all_or(values: Option<&Vec<String>>, value: &str) -> bool {
    values.into_iter().flatten().any(|v| v == ALL || v == value)
}

/// Whether `owner` covers `one`, a single permission (upstream's `ruleCovers`).
fn rule_covers(owner: &PolicyRule, one: &PolicyRule) -> bool {
    let first = |values: &Option<Vec<String>>| {
        values
            .as_ref()
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    };
    let verb = one.verbs.first().cloned().unwrap_or_default();
    if !has_all_or(Some(&owner.verbs), &verb) {
        return false;
    }
    if one.non_resource_urls.is_some() {
        let url = first(&one.non_resource_urls);
        return owner.non_resource_urls.iter().flatten().any(|o| {
            o == ALL || *o == url || o.strip_suffix('*').is_some_and(|p| url.starts_with(p))
        });
    }
    let (group, resource) = (first(&one.api_groups), first(&one.resources));
    if !has_all_or(owner.api_groups.as_ref(), &group) {
        return false;
    }
    let resource_covered = owner.resources.iter().flatten().any(|o| {
        o == ALL
            || *o == resource
            || resource
                .split_once('/')
                .is_some_and(|(base, sub)| *o == format!("{base}/*") || *o == format!("*/{sub}"))
    });
    if !resource_covered {
        return false;
    }
    match owner.resource_names.as_deref() {
        None | Some([]) => true,
        Some(names) => one
            .resource_names
            .as_ref()
            .and_then(|n| n.first())
            .is_some_and(|name| names.contains(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::covers;
    use k8s_openapi::api::rbac::v1::PolicyRule;

    fn rule(verbs: &[&str], group: &str, resources: &[&str]) -> PolicyRule {
        PolicyRule {
            verbs: verbs.iter().map(|v| (*v).to_owned()).collect(),
            api_groups: Some(vec![group.to_owned()]),
            resources: Some(resources.iter().map(|r| (*r).to_owned()).collect()),
            ..Default::default()
        }
    }

    #[test]
    fn only_what_the_owner_holds_is_covered() {
        let edit = [rule(
            &["get", "list", "create", "delete"],
            "apps",
            &["deployments", "deployments/scale"],
        )];
        assert!(covers(
            &edit,
            &[rule(&["get", "delete"], "apps", &["deployments"])]
        ));
        assert!(!covers(&edit, &[rule(&["get"], "", &["secrets"])]));
        assert!(
            !covers(&edit, &[rule(&["*"], "apps", &["deployments"])]),
            "a wildcard needs a wildcard"
        );
        assert!(!covers(&edit, &[rule(&["get"], "*", &["*"])]));
        let admin = [rule(&["*"], "*", &["*"])];
        assert!(covers(&admin, &[rule(&["*"], "*", &["*"])]));
        let mut named = rule(&["get"], "", &["configmaps"]);
        named.resource_names = Some(vec!["settings".into()]);
        assert!(!covers(
            &[named.clone()],
            &[rule(&["get"], "", &["configmaps"])]
        ));
        assert!(covers(&[rule(&["get"], "", &["configmaps"])], &[named]));
    }
}
