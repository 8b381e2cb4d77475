//! Kubernetes RBAC as kube-apiserver's authorizer decides it (`plugin/pkg/auth/
//! authorizer/rbac`): a request is allowed when a rule of a role bound to the user
//! (by a ClusterRoleBinding, or a RoleBinding in the request's namespace) allows it.
//! ClusterRoles with an aggregation rule hold the rules of the ClusterRoles their
//! selectors match. The group `system:masters` may do everything.

mod bootstrap;
mod escalation;
mod rules;

use std::collections::BTreeSet;

use k8s_openapi::api::rbac::v1::{
    ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject,
};

pub use bootstrap::bootstrap;
pub use escalation::covers;
pub use rules::rule_allows;

use crate::store::Store;

/// The group whose members may do everything.
pub const MASTERS: &str = "system:masters";
/// The group every signed-in user is in.
pub const AUTHENTICATED: &str = "system:authenticated";

/// Who asks: a user's name, uid and groups (upstream's `user.Info`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserInfo {
    /// `ann`, or `system:serviceaccount:<namespace>:<name>`.
    pub name: String,
    /// A stable id, when the authenticator gives one.
    pub uid: String,
    /// The user's groups, `system:authenticated` among them.
    pub groups: Vec<String>,
}

/// What a request does (upstream's `authorizer.Attributes`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attributes {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`.
    pub verb: String,
    /// A resource request (`/api…`, `/apis…` with a resource) or a path (`/version`).
    pub resource_request: bool,
    /// The API group (`""` for the core group).
    pub api_group: String,
    /// `pods`.
    pub resource: String,
    /// `log`, `status`, `scale`, or empty.
    pub subresource: String,
    /// The object's name, when the request names one.
    pub name: String,
    /// The namespace, or empty at the cluster scope.
    pub namespace: String,
    /// The request's path (non-resource requests are matched by it).
    pub path: String,
}

impl Attributes {
    /// `pods/log`, as rules and messages name a subresource.
    pub fn full_resource(&self) -> String {
        if self.subresource.is_empty() {
            self.resource.clone()
        } else {
            format!("{}/{}", self.resource, self.subresource)
        }
    }
}

/// Whether `user` may do what `attributes` describe.
pub fn authorize(store: &Store, user: &UserInfo, attributes: &Attributes) -> bool {
    if user.groups.iter().any(|g| g == MASTERS) {
        return true;
    }
    let mut allowed = false;
    visit_rules(store, user, &attributes.namespace, |rule| {
        allowed = rule_allows(attributes, rule);
        !allowed
    });
    allowed
}

/// Every rule that applies to `user` in `namespace` (cluster-wide ones too), as
/// SelfSubjectRulesReview lists them.
pub fn rules_for(store: &Store, user: &UserInfo, namespace: &str) -> Vec<PolicyRule> {
    if user.groups.iter().any(|g| g == MASTERS) {
        return bootstrap::cluster_admin_rules();
    }
    let mut rules = Vec::new();
    visit_rules(store, user, namespace, |rule| {
        rules.push(rule.clone());
        true
    });
    rules
}

/// Calls `visit` with each rule bound to `user`, cluster-wide and in `namespace`, until
/// it answers false (upstream's `VisitRulesFor`).
fn visit_rules(
    store: &Store,
    user: &UserInfo,
    namespace: &str,
    mut visit: impl FnMut(&PolicyRule) -> bool,
) {
    for binding in store.list::<ClusterRoleBinding>(None) {
        if !binds(binding.subjects.as_deref(), "", user) {
            continue;
        }
        for rule in role_rules(store, &binding.role_ref, "") {
            if !visit(&rule) {
                return;
            }
        }
    }
    if namespace.is_empty() {
        return;
    }
    for binding in store.list::<RoleBinding>(Some(namespace)) {
        if !binds(binding.subjects.as_deref(), namespace, user) {
            continue;
        }
        for rule in role_rules(store, &binding.role_ref, namespace) {
            if !visit(&rule) {
                return;
            }
        }
    }
}

/// Whether a binding's subjects name `user` (upstream's `appliesTo`).
fn binds(subjects: Option<&[Subject]>, binding_namespace: &str, user: &UserInfo) -> bool {
    subjects
        .into_iter()
        .flatten()
        .any(|subject| match subject.kind.as_str() {
            "User" => subject.name == user.name,
            "Group" => user.groups.contains(&subject.name),
            "ServiceAccount" => {
                let namespace = subject
                    .namespace
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .unwrap_or(binding_namespace);
                user.name == format!("system:serviceaccount:{namespace}:{}", subject.name)
            }
            _ => false,
        })
}

/// The rules of the role a binding refers to (a Role of the binding's namespace, or a
/// ClusterRole with its aggregated rules).
fn role_rules(store: &Store, role_ref: &RoleRef, namespace: &str) -> Vec<PolicyRule> {
    match role_ref.kind.as_str() {
        "Role" if !namespace.is_empty() => store
            .get::<Role>(namespace, &role_ref.name)
            .and_then(|role| role.rules.clone())
            .unwrap_or_default(),
        "ClusterRole" => cluster_role_rules(store, &role_ref.name, &mut BTreeSet::new()),
        _ => Vec::new(),
    }
}

/// A ClusterRole's rules: its own, or with an aggregation rule those of every
/// ClusterRole its selectors match (upstream's aggregation controller, done here when
/// asked, so an aggregated role follows its parts at once).
pub fn cluster_role_rules(
    store: &Store,
    name: &str,
    seen: &mut BTreeSet<String>,
) -> Vec<PolicyRule> {
    if !seen.insert(name.to_owned()) {
        return Vec::new();
    }
    let Some(role) = store.get::<ClusterRole>("", name) else {
        return Vec::new();
    };
    let Some(aggregation) = &role.aggregation_rule else {
        return role.rules.clone().unwrap_or_default();
    };
    let selectors = aggregation
        .cluster_role_selectors
        .clone()
        .unwrap_or_default();
    let mut rules = Vec::new();
    for part in store.list::<ClusterRole>(None) {
        let labels = part.metadata.labels.as_ref();
        if selectors
            .iter()
            .any(|s| crate::selector::matches(s, labels))
        {
            let part_name = part.metadata.name.clone().unwrap_or_default();
            for rule in cluster_role_rules(store, &part_name, seen) {
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
        }
    }
    rules
}
