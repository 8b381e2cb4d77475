//! Services as rows of their list: type, addresses, ports and selector as text, and
//! the order of every column.

use std::cmp::Ordering;

use super::list_query::{by_age, Sortable};
use super::Service;

/// The columns of the Service list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceColumn {
    /// The name.
    #[default]
    Name,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// ClusterIP, NodePort, LoadBalancer or ExternalName.
    Type,
    /// The cluster-internal address.
    ClusterIp,
    /// The address outside the cluster.
    External,
    /// The ports served.
    Ports,
    /// The pods it sends requests to.
    Selector,
    /// When it was created.
    Age,
}

impl Service {
    /// Its type, `ClusterIP` when unset (as the API defaults it).
    pub fn type_name(&self) -> &str {
        self.spec.kind.as_deref().unwrap_or("ClusterIP")
    }

    /// The cluster-internal address, `None` for a headless Service.
    pub fn cluster_address(&self) -> Option<&str> {
        self.spec.cluster_ip.as_deref().filter(|ip| !ip.is_empty())
    }

    /// The load balancer's addresses, comma-separated, or the host an ExternalName
    /// stands for (as kubectl's EXTERNAL-IP); empty when it has none.
    pub fn external_address(&self) -> String {
        if self.type_name() == "ExternalName" {
            return self.spec.external_name.clone().unwrap_or_default();
        }
        self.status
            .load_balancer
            .ingress
            .iter()
            .filter_map(|i| i.ip.clone())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The ports as kubectl prints them: `80:8080/TCP`, comma-separated.
    pub fn ports_text(&self) -> String {
        self.spec
            .ports
            .iter()
            .map(|p| {
                let protocol = p.protocol.as_deref().unwrap_or("TCP");
                match &p.target_port {
                    Some(serde_json::Value::Number(n)) if n.as_i64() != Some(p.port.into()) => {
                        format!("{}:{n}/{protocol}", p.port)
                    }
                    Some(serde_json::Value::String(name)) => {
                        format!("{}:{name}/{protocol}", p.port)
                    }
                    _ => format!("{}/{protocol}", p.port),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The selector as `key=value`, comma-separated.
    pub fn selector_text(&self) -> String {
        self.spec
            .selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// An IPv4 address as numbers, so `10.0.0.9` sorts before `10.0.0.10`.
fn ip_key(ip: Option<&str>) -> Vec<u32> {
    ip.unwrap_or_default()
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect()
}

impl Sortable for Service {
    type Column = ServiceColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {} {} {} {} {}",
            self.metadata.name,
            self.metadata.namespace,
            self.type_name(),
            self.cluster_address().unwrap_or_default(),
            self.external_address(),
            self.ports_text(),
            self.selector_text()
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: ServiceColumn) -> Ordering {
        match column {
            ServiceColumn::Name => self.metadata.name.cmp(&other.metadata.name),
            ServiceColumn::Namespace => self.metadata.namespace.cmp(&other.metadata.namespace),
            ServiceColumn::Type => self.type_name().cmp(other.type_name()),
            ServiceColumn::ClusterIp => {
                ip_key(self.cluster_address()).cmp(&ip_key(other.cluster_address()))
            }
            ServiceColumn::External => self.external_address().cmp(&other.external_address()),
            ServiceColumn::Ports => {
                let first = |s: &Service| s.spec.ports.first().map(|p| p.port);
                first(self).cmp(&first(other))
            }
            ServiceColumn::Selector => self.selector_text().cmp(&other.selector_text()),
            ServiceColumn::Age => by_age(
                self.metadata.creation_timestamp.as_deref(),
                other.metadata.creation_timestamp.as_deref(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(json: &str) -> Service {
        serde_json::from_str(json).expect("service")
    }

    #[test]
    fn ports_selector_and_addresses_read_like_kubectl() {
        let s = service(
            r#"{"metadata":{"name":"web"},"spec":{"type":"LoadBalancer","clusterIP":"10.96.0.10",
                "ports":[{"port":80,"targetPort":8080,"protocol":"TCP"},{"port":53,"targetPort":53,"protocol":"UDP"},
                         {"port":443,"targetPort":"https"}],
                "selector":{"app":"web","tier":"front"}},
                "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"}]}}}"#,
        );
        assert_eq!(s.ports_text(), "80:8080/TCP, 53/UDP, 443:https/TCP");
        assert_eq!(s.selector_text(), "app=web,tier=front");
        assert_eq!(s.external_address(), "203.0.113.7");
        assert_eq!(s.type_name(), "LoadBalancer");
    }

    #[test]
    fn an_external_name_shows_its_host_as_its_external_address() {
        let s = service(
            r#"{"metadata":{"name":"db"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}"#,
        );
        assert_eq!(s.external_address(), "db.example.com");
        assert_eq!(s.cluster_address(), None);
        assert_eq!(s.ports_text(), "");
    }

    #[test]
    fn cluster_ips_sort_numerically() {
        let a = service(r#"{"spec":{"clusterIP":"10.96.0.9"}}"#);
        let b = service(r#"{"spec":{"clusterIP":"10.96.0.10"}}"#);
        assert_eq!(a.compare(&b, ServiceColumn::ClusterIp), Ordering::Less);
        assert_eq!(a.type_name(), "ClusterIP");
    }
}
