//! The status subresource through kubectl: a write to `…/status` changes only the
//! status; a write to the object leaves its status alone (upstream's status strategy).

use crate::common::kubectl::Kubectl;

#[test]
fn status_is_written_only_through_its_subresource() {
    let k = Kubectl::start();
    k.ok(&["create", "service", "clusterip", "shop", "--tcp=80:80"]);
    let ingress = |ip: &str| {
        format!("{{\"status\":{{\"loadBalancer\":{{\"ingress\":[{{\"ip\":\"{ip}\"}}]}}}},\"metadata\":{{\"labels\":{{\"by\":\"{ip}\"}}}}}}")
    };
    let through_status = ingress("192.0.2.7");
    k.ok(&[
        "patch",
        "service",
        "shop",
        "--subresource=status",
        "--type=merge",
        "-p",
        &through_status,
    ]);
    let read = "jsonpath={.status.loadBalancer.ingress[0].ip} {.metadata.labels.by}";
    // The status changed; the label, outside the status, did not.
    assert_eq!(k.ok(&["get", "service", "shop", "-o", read]), "192.0.2.7 ");

    let through_object = ingress("192.0.2.9");
    k.ok(&[
        "patch",
        "service",
        "shop",
        "--type=merge",
        "-p",
        &through_object,
    ]);
    // The label changed; the status, the subresource's to write, did not.
    assert_eq!(
        k.ok(&["get", "service", "shop", "-o", read]),
        "192.0.2.7 192.0.2.9"
    );

    let resources = k.ok(&["get", "--raw", "/api/v1"]);
    let resources: serde_json::Value = serde_json::from_str(&resources).expect("JSON");
    let status = resources["resources"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "services/status"))
        .expect("services/status listed");
    assert_eq!(
        status["verbs"],
        serde_json::json!(["get", "patch", "update"])
    );
}
