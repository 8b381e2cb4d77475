//! Server-side apply through kubectl: create, re-apply, roll out an edit, and the
//! field managers' conflicts.

use crate::common::kubectl::Kubectl;
use crate::kubectl::writes::{manifest, replica_sets};

#[test]
fn server_side_apply_creates_then_rolls_out_an_edit() {
    let k = Kubectl::start();
    let path = k.file("shop.yaml", &manifest("nginx:1.26", 2));
    let path = path.to_str().expect("a UTF-8 path");
    let applied = "deployment.apps/shop serverside-applied\nservice/shop serverside-applied\n";
    assert_eq!(k.ok(&["apply", "--server-side", "-f", path]), applied);
    k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);
    // Again, unchanged: nothing rolls.
    assert_eq!(k.ok(&["apply", "--server-side", "-f", path]), applied);
    let managers = k.ok(&[
        "get",
        "deployment",
        "shop",
        "-o",
        "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.fieldsType} {end}",
    ]);
    assert_eq!(managers.trim(), "kubectl/Apply/FieldsV1");
    let fields = k.ok(&[
        "get",
        "deployment",
        "shop",
        "-o",
        "jsonpath={.metadata.managedFields[0].fieldsV1}",
    ]);
    assert!(fields.contains("k:{\\\"name\\\":\\\"web\\\"}"), "{fields}");

    std::fs::write(path, manifest("nginx:1.27", 2)).expect("the edit");
    assert_eq!(k.ok(&["apply", "--server-side", "-f", path]), applied);
    let status = k.ok(&["rollout", "status", "deployment/shop", "--timeout=45s"]);
    assert!(status.contains("successfully rolled out"), "{status}");
    assert_eq!(replica_sets(&k), ["nginx:1.26=0", "nginx:1.27=2"]);
}

#[test]
fn server_side_apply_conflicts_with_another_managers_field() {
    let k = Kubectl::start();
    let path = k.file("shop.yaml", &manifest("nginx:1.27", 2));
    let path = path.to_str().expect("a UTF-8 path");
    k.ok(&["apply", "--server-side", "-f", path]);
    k.ok(&[
        "patch",
        "deployment",
        "shop",
        "-p",
        "{\"spec\":{\"replicas\":3}}",
    ]);
    let conflict = k.run(&["apply", "--server-side", "-f", path]);
    assert!(!conflict.ok);
    assert!(
        conflict.stderr.contains(
            "Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1: .spec.replicas"
        ),
        "{}",
        conflict.stderr
    );
    let replicas = "jsonpath={.spec.replicas}";
    assert_eq!(k.ok(&["get", "deployment", "shop", "-o", replicas]), "3");

    k.ok(&["apply", "--server-side", "--force-conflicts", "-f", path]);
    assert_eq!(k.ok(&["get", "deployment", "shop", "-o", replicas]), "2");
    // The patch's manager lost the field it no longer owns, and with it its entry.
    let managers = k.ok(&[
        "get",
        "deployment",
        "shop",
        "-o",
        "jsonpath={.metadata.managedFields[*].manager}",
    ]);
    assert_eq!(managers, "kubectl");
}

#[test]
fn an_apply_that_changes_a_selector_is_refused_in_the_apiservers_words() {
    let k = Kubectl::start();
    let path = k.file("shop.yaml", &manifest("nginx:1.27", 1));
    let path = path.to_str().expect("a UTF-8 path");
    k.ok(&["apply", "-f", path]);
    let moved = manifest("nginx:1.27", 1).replace("app: shop", "app: store");
    std::fs::write(path, moved).expect("the edit");
    let refused = k.run(&["apply", "-f", path]);
    assert!(
        !refused.ok
            && refused.stderr.contains(
                "The Deployment \"shop\" is invalid: spec.selector: Invalid value: \
                 v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"store\"}, \
                 MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
            ),
        "{refused:?}"
    );
    let kept = k.ok(&[
        "get",
        "deployment",
        "shop",
        "-o",
        "jsonpath={.spec.selector.matchLabels.app}",
    ]);
    assert_eq!(kept, "shop");
}

#[test]
fn a_pod_takes_a_new_image_and_refuses_any_other_change_as_the_apiserver_does() {
    let k = Kubectl::start();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n  \
               - name: web\n    image: nginx:1.26\n";
    let path = k.file("box.yaml", pod);
    let path = path.to_str().expect("a UTF-8 path");
    k.ok(&["apply", "-f", path]);
    k.ok(&["set", "image", "pod/box", "web=nginx:1.27"]);
    let image = "jsonpath={.spec.containers[0].image}";
    assert_eq!(k.ok(&["get", "pod", "box", "-o", image]), "nginx:1.27");

    let ported = format!(
        "{}    ports:\n    - containerPort: 80\n",
        pod.replace("1.26", "1.27")
    );
    std::fs::write(path, ported).expect("the edit");
    let refused = k.run(&["apply", "-f", path]);
    assert!(
        !refused.ok
            && refused.stderr.contains(
                "The Pod \"box\" is invalid: spec: Forbidden: pod updates may not change fields \
                 other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
            ),
        "{refused:?}"
    );
    let ports = "jsonpath={.spec.containers[0].ports}";
    assert_eq!(k.ok(&["get", "pod", "box", "-o", ports]), "");
}
