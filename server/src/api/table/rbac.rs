//! kubectl's columns for RBAC objects (upstream's `printRole`, `printRoleBinding`, …).

use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding, RoleRef};
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::{name, Column, Printed, NAME};

const CREATED_AT: Column = Column {
    format: "date",
    ..Column::text("Created At", "Time at which the object was created.")
};
const ROLE: Column = Column::text("Role", "The role the binding grants.");

fn created_at(created: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>) -> String {
    created.map(|t| t.0.to_string()).unwrap_or_default()
}

/// `ClusterRole/view`, as upstream prints a binding's role.
fn role(role_ref: &RoleRef) -> String {
    format!("{}/{}", role_ref.kind, role_ref.name)
}

/// A role's row: its name and when it was made.
fn role_cells<K: Printed>(role: &K) -> Vec<Value> {
    let created = role.metadata().creation_timestamp.as_ref();
    vec![json!(name(role)), json!(created_at(created))]
}

/// A binding's row: its name, the role it grants, its age.
fn binding_cells<K: Printed>(binding: &K, role_ref: &RoleRef, now: Timestamp) -> Vec<Value> {
    let created = binding.metadata().creation_timestamp.as_ref();
    vec![
        json!(name(binding)),
        json!(role(role_ref)),
        json!(super::age::since_time(created, now)),
    ]
}

impl Printed for Role {
    fn columns() -> &'static [Column] {
        &[NAME, CREATED_AT]
    }
    fn cells(&self, _now: Timestamp) -> Vec<Value> {
        role_cells(self)
    }
}

impl Printed for ClusterRole {
    fn columns() -> &'static [Column] {
        &[NAME, CREATED_AT]
    }
    fn cells(&self, _now: Timestamp) -> Vec<Value> {
        role_cells(self)
    }
}

impl Printed for RoleBinding {
    fn columns() -> &'static [Column] {
        &[NAME, ROLE, super::AGE]
    }
    fn cells(&self, now: Timestamp) -> Vec<Value> {
        binding_cells(self, &self.role_ref, now)
    }
}

impl Printed for ClusterRoleBinding {
    fn columns() -> &'static [Column] {
        &[NAME, ROLE, super::AGE]
    }
    fn cells(&self, now: Timestamp) -> Vec<Value> {
        binding_cells(self, &self.role_ref, now)
    }
}
