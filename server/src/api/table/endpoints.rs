//! The Endpoints table: `NAME ENDPOINTS AGE`, as `kubectl get endpoints` prints it.

use k8s_openapi::api::core::v1::Endpoints;
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::age::since_time;
use super::{name, Column, Printed, AGE, NAME};

impl Printed for Endpoints {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            Column::text("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."),
            AGE,
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(format_endpoints(self)),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
        ]
    }
}

/// Upstream's `formatEndpoints`: the first three ready `ip:port`s (bare IPs for a
/// subset without ports), then `+ N more...`; `<none>` when there are none.
fn format_endpoints(endpoints: &Endpoints) -> String {
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut count = 0;
    let mut more = false;
    let mut add = |entry: String, list: &mut Vec<String>| {
        if list.len() == MAX {
            more = true;
        } else {
            list.push(entry);
        }
    };
    for subset in endpoints.subsets.iter().flatten() {
        let addresses = subset.addresses.as_deref().unwrap_or_default();
        match subset.ports.as_deref() {
            None | Some([]) => {
                count += addresses.len();
                for a in addresses {
                    add(a.ip.clone(), &mut list);
                }
            }
            Some(ports) => {
                for port in ports {
                    count += addresses.len();
                    for a in addresses {
                        // IPv6 addresses are bracketed, as Go's `net.JoinHostPort` does.
                        let host = if a.ip.contains(':') {
                            format!("[{}]", a.ip)
                        } else {
                            a.ip.clone()
                        };
                        add(format!("{host}:{}", port.port), &mut list);
                    }
                }
            }
        }
    }
    let joined = list.join(",");
    if more {
        format!("{joined} + {} more...", count - MAX)
    } else if joined.is_empty() {
        "<none>".to_owned()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::format_endpoints;
    use k8s_openapi::api::core::v1::Endpoints;
    use serde_json::json;

    fn endpoints(subsets: serde_json::Value) -> Endpoints {
        serde_json::from_value(json!({"metadata": {"name": "web"}, "subsets": subsets}))
            .expect("endpoints")
    }

    #[test]
    fn shows_three_then_counts_the_rest() {
        let ips: Vec<_> = (1..=5)
            .map(|i| json!({"ip": format!("10.0.0.{i}")}))
            .collect();
        let many = endpoints(json!([{"addresses": ips, "ports": [{"port": 80}]}]));
        assert_eq!(
            format_endpoints(&many),
            "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more..."
        );
        let headless = endpoints(json!([{"addresses": [{"ip": "10.0.0.9"}]}]));
        assert_eq!(format_endpoints(&headless), "10.0.0.9");
        let waiting = endpoints(json!([{"notReadyAddresses": [{"ip": "10.0.0.1"}],
            "ports": [{"port": 80}]}]));
        assert_eq!(format_endpoints(&waiting), "<none>");
        assert_eq!(format_endpoints(&endpoints(json!(null))), "<none>");
    }
}
