//! `kubectl top` over Berth's `metrics.k8s.io`, as over metrics-server.

use crate::common::kubectl::Kubectl;
use crate::kubectl::{header, rows, SETTLE};

#[test]
fn top_pod_and_top_node_print_usage() {
    let k = Kubectl::start();
    let pods = k.until(&["top", "pod"], SETTLE, |out| rows(out).len() == 3);
    assert_eq!(header(&pods), ["NAME", "CPU(cores)", "MEMORY(bytes)"]);
    for row in rows(&pods) {
        assert!(row[0].starts_with("nginx-demo-"), "{pods}");
        assert!(row[1].ends_with('m'), "{pods}");
        assert!(row[2].ends_with("Mi"), "{pods}");
    }
    let containers = k.ok(&["top", "pod", "-l", "app=nginx-demo", "--containers"]);
    assert_eq!(
        header(&containers),
        ["POD", "NAME", "CPU(cores)", "MEMORY(bytes)"]
    );
    assert!(
        rows(&containers).iter().all(|r| r[1] == "nginx"),
        "{containers}"
    );

    let nodes = k.ok(&["top", "node"]);
    assert_eq!(
        header(&nodes),
        ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]
    );
    assert_eq!(rows(&nodes).len(), 5, "the demo's five nodes: {nodes}");
}
