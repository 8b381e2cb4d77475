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

impl Printed for Role {
    fn columns() -> &'static [Column] {
        &[NAME, CREATED_AT]
    }
    fn cells(&self, _now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(created_at(self.metadata.creation_timestamp.as_ref())),
        ]
    }
}

impl Printed for ClusterRole {
    fn columns() -> &'static [Column] {
        &[NAME, CREATED_AT]
    }
    fn cells(&self, _now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(created_at(self.metadata.creation_timestamp.as_ref())),
        ]
    }
}

impl Printed for RoleBinding {
    fn columns() -> &'static [Column] {
        &[NAME, ROLE, super::AGE]
    }
    fn cells(&self, now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(role(&self.role_ref)),
            json!(super::age::since_time(
                self.metadata.creation_timestamp.as_ref(),
                now
            )),
        ]
    }
}

impl Printed for ClusterRoleBinding {
    fn columns() -> &'static [Column] {
        &[NAME, ROLE, super::AGE]
    }
    fn cells(&self, now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(role(&self.role_ref)),
            json!(super::age::since_time(
                self.metadata.creation_timestamp.as_ref(),
                now
            )),
        ]
    }
}
