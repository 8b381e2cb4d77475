//! The default roles every cluster starts with (upstream's bootstrap policy, in
//! `plugin/pkg/auth/authorizer/rbac/bootstrappolicy`), for the resources Berth serves:
//! `cluster-admin`, and `admin`, `edit` and `view` aggregated from the
//! `system:aggregate-to-*` roles; `system:basic-user` and `system:discovery` for every
//! signed-in user; `system:auth-delegator`; `system:masters` bound to `cluster-admin`.

use std::collections::BTreeMap;

use k8s_openapi::api::rbac::v1::{
    AggregationRule, ClusterRole, ClusterRoleBinding, PolicyRule, RoleRef, Subject,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use super::{AUTHENTICATED, MASTERS};
use crate::{Engine, Error};

const AGGREGATE_TO: &str = "rbac.authorization.k8s.io/aggregate-to-";
const READ: &[&str] = &["get", "list", "watch"];
const WRITE: &[&str] = &["create", "delete", "deletecollection", "patch", "update"];

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

fn rule(verbs: &[&str], group: &str, resources: &[&str]) -> PolicyRule {
    PolicyRule {
        verbs: strings(verbs),
        api_groups: Some(vec![group.to_owned()]),
        resources: Some(strings(resources)),
        ..Default::default()
    }
}

fn paths(verbs: &[&str], urls: &[&str]) -> PolicyRule {
    PolicyRule {
        verbs: strings(verbs),
        non_resource_urls: Some(strings(urls)),
        ..Default::default()
    }
}

/// `cluster-admin`'s rules: everything.
pub fn cluster_admin_rules() -> Vec<PolicyRule> {
    vec![rule(&["*"], "*", &["*"]), paths(&["*"], &["*"])]
}

fn meta(name: &str, labels: &[(&str, &str)]) -> ObjectMeta {
    let mut all: BTreeMap<String, String> = BTreeMap::from([(
        "kubernetes.io/bootstrapping".to_owned(),
        "rbac-defaults".to_owned(),
    )]);
    all.extend(
        labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    ObjectMeta {
        name: Some(name.to_owned()),
        labels: Some(all),
        annotations: Some(BTreeMap::from([(
            "rbac.authorization.kubernetes.io/autoupdate".to_owned(),
            "true".to_owned(),
        )])),
        ..Default::default()
    }
}

fn role(name: &str, labels: &[(&str, &str)], rules: Vec<PolicyRule>) -> ClusterRole {
    ClusterRole {
        metadata: meta(name, labels),
        rules: Some(rules),
        ..Default::default()
    }
}

/// A ClusterRole made of those labelled `aggregate-to-<to>`.
fn aggregated(name: &str, to: &str, labels: &[(&str, &str)]) -> ClusterRole {
    ClusterRole {
        metadata: meta(name, labels),
        aggregation_rule: Some(AggregationRule {
            cluster_role_selectors: Some(vec![LabelSelector {
                match_labels: Some(BTreeMap::from([(
                    format!("{AGGREGATE_TO}{to}"),
                    "true".to_owned(),
                )])),
                ..Default::default()
            }]),
        }),
        rules: Some(Vec::new()),
    }
}

fn binding(name: &str, role: &str, group: &str) -> ClusterRoleBinding {
    ClusterRoleBinding {
        metadata: meta(name, &[]),
        role_ref: RoleRef {
            api_group: "rbac.authorization.k8s.io".to_owned(),
            kind: "ClusterRole".to_owned(),
            name: role.to_owned(),
        },
        subjects: Some(vec![Subject {
            api_group: Some("rbac.authorization.k8s.io".to_owned()),
            kind: "Group".to_owned(),
            name: group.to_owned(),
            namespace: None,
        }]),
    }
}

/// What `view` may read: everything served but Secrets (upstream's
/// `system:aggregate-to-view`).
fn view_rules() -> Vec<PolicyRule> {
    vec![
        rule(
            READ,
            "",
            &[
                "configmaps",
                "endpoints",
                "events",
                "namespaces",
                "namespaces/status",
                "pods",
                "pods/log",
                "pods/status",
                "resourcequotas",
                "resourcequotas/status",
                "serviceaccounts",
                "services",
                "services/status",
            ],
        ),
        rule(
            READ,
            "networking.k8s.io",
            &["ingresses", "ingresses/status", "networkpolicies"],
        ),
        rule(
            READ,
            "apps",
            &[
                "controllerrevisions",
                "daemonsets",
                "daemonsets/status",
                "deployments",
                "deployments/scale",
                "deployments/status",
                "replicasets",
                "replicasets/scale",
                "replicasets/status",
                "statefulsets",
                "statefulsets/scale",
                "statefulsets/status",
            ],
        ),
        rule(
            READ,
            "batch",
            &["cronjobs", "cronjobs/status", "jobs", "jobs/status"],
        ),
        rule(READ, "metrics.k8s.io", &["pods", "nodes"]),
    ]
}

/// What `edit` adds: writes to what `view` reads, and Secrets (upstream's
/// `system:aggregate-to-edit`).
fn edit_rules() -> Vec<PolicyRule> {
    vec![
        rule(READ, "", &["secrets"]),
        rule(
            WRITE,
            "",
            &[
                "configmaps",
                "endpoints",
                "pods",
                "secrets",
                "serviceaccounts",
                "services",
            ],
        ),
        rule(&["create"], "", &["serviceaccounts/token"]),
        rule(
            WRITE,
            "networking.k8s.io",
            &["ingresses", "networkpolicies"],
        ),
        rule(
            WRITE,
            "apps",
            &[
                "daemonsets",
                "deployments",
                "deployments/scale",
                "replicasets",
                "replicasets/scale",
                "statefulsets",
                "statefulsets/scale",
            ],
        ),
        rule(WRITE, "batch", &["cronjobs", "jobs"]),
    ]
}

/// What `admin` adds: the namespace's own roles and bindings.
fn admin_rules() -> Vec<PolicyRule> {
    let mut verbs = READ.to_vec();
    verbs.extend_from_slice(WRITE);
    vec![rule(
        &verbs,
        "rbac.authorization.k8s.io",
        &["rolebindings", "roles"],
    )]
}

/// Creates the default roles and bindings.
pub fn bootstrap(engine: &mut Engine) -> Result<(), Error> {
    let to = |role: &str| (format!("{AGGREGATE_TO}{role}"), "true");
    let (admin, edit, view) = (to("admin"), to("edit"), to("view"));
    let roles = [
        role("cluster-admin", &[], cluster_admin_rules()),
        aggregated("admin", "admin", &[]),
        aggregated("edit", "edit", &[(&admin.0, admin.1)]),
        aggregated("view", "view", &[(&edit.0, edit.1)]),
        role(
            "system:aggregate-to-admin",
            &[(&admin.0, admin.1)],
            admin_rules(),
        ),
        role(
            "system:aggregate-to-edit",
            &[(&edit.0, edit.1)],
            edit_rules(),
        ),
        role(
            "system:aggregate-to-view",
            &[(&view.0, view.1)],
            view_rules(),
        ),
        role(
            "system:basic-user",
            &[],
            vec![
                rule(
                    &["create"],
                    "authorization.k8s.io",
                    &["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
                ),
                rule(
                    &["create"],
                    "authentication.k8s.io",
                    &["selfsubjectreviews"],
                ),
            ],
        ),
        // What a delegating authenticator (a webhook, an aggregated API server) needs.
        role(
            "system:auth-delegator",
            &[],
            vec![
                rule(&["create"], "authentication.k8s.io", &["tokenreviews"]),
                rule(
                    &["create"],
                    "authorization.k8s.io",
                    &["subjectaccessreviews"],
                ),
            ],
        ),
        role(
            "system:discovery",
            &[],
            vec![paths(
                &["get"],
                &[
                    "/api",
                    "/api/*",
                    "/apis",
                    "/apis/*",
                    "/healthz",
                    "/livez",
                    "/openapi",
                    "/openapi/*",
                    "/readyz",
                    "/version",
                    "/version/",
                ],
            )],
        ),
    ];
    for role in roles {
        engine.create(role)?;
    }
    for (name, role, group) in [
        ("cluster-admin", "cluster-admin", MASTERS),
        ("system:basic-user", "system:basic-user", AUTHENTICATED),
        ("system:discovery", "system:discovery", AUTHENTICATED),
    ] {
        engine.create(binding(name, role, group))?;
    }
    Ok(())
}
