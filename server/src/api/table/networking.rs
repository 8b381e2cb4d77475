//! kubectl's columns for `networking.k8s.io` objects (upstream's `printIngress`,
//! `printNetworkPolicy`).

use k8s_openapi::api::networking::v1::{Ingress, NetworkPolicy};
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::selector::selector_string;
use super::{name, Column, Printed, AGE, NAME};

impl Printed for Ingress {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text(
                "Class",
                "The name of the IngressClass resource that should be used.",
            ),
            Column::text(
                "Hosts",
                "Hosts that incoming requests are matched against before the ingress rule",
            ),
            Column::text(
                "Address",
                "Address is a list containing ingress points for the load-balancer",
            ),
            Column::text("Ports", "Ports of TLS configurations that open"),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let spec = self.spec.clone().unwrap_or_default();
        let hosts: Vec<String> = spec
            .rules
            .iter()
            .flatten()
            .filter_map(|r| r.host.clone())
            .collect();
        let addresses: Vec<String> = self
            .status
            .as_ref()
            .and_then(|s| s.load_balancer.as_ref())
            .and_then(|lb| lb.ingress.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|i| i.ip.clone().or_else(|| i.hostname.clone()))
            .collect();
        let ports = if spec.tls.as_ref().is_some_and(|t| !t.is_empty()) {
            "80, 443"
        } else {
            "80"
        };
        vec![
            json!(name(self)),
            json!(spec.ingress_class_name.as_deref().unwrap_or("<none>")),
            json!(if hosts.is_empty() {
                "*".to_owned()
            } else {
                hosts.join(",")
            }),
            json!(addresses.join(",")),
            json!(ports),
            super::age::cell(self.metadata.creation_timestamp.as_ref(), now),
        ]
    }
}

impl Printed for NetworkPolicy {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text(
                "Pod-Selector",
                "Selects the pods to which this NetworkPolicy object applies.",
            ),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let selector = self.spec.as_ref().and_then(|s| s.pod_selector.as_ref());
        let selector = selector_string(selector);
        vec![
            json!(name(self)),
            json!(if selector.is_empty() {
                "<none>".to_owned()
            } else {
                selector
            }),
            super::age::cell(self.metadata.creation_timestamp.as_ref(), now),
        ]
    }
}
