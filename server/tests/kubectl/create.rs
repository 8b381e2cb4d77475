//! kubectl's typed commands, which write protobuf: `create deployment|configmap|secret|
//! namespace|service`, and `expose` (JSON, through discovery).

use crate::common::kubectl::Kubectl;
use crate::kubectl::SETTLE;

#[test]
fn create_and_expose_a_deployment() {
    let k = Kubectl::start();
    let created = k.ok(&[
        "create",
        "deployment",
        "web",
        "--image=nginx:1.27",
        "--replicas=2",
        "--port=80",
    ]);
    assert_eq!(created, "deployment.apps/web created\n");
    let spec = k.ok(&[
        "get",
        "deployment",
        "web",
        "-o",
        "jsonpath={.spec.replicas} {.spec.selector.matchLabels.app} \
         {.spec.template.spec.containers[0].image} \
         {.spec.template.spec.containers[0].ports[0].containerPort}",
    ]);
    assert_eq!(spec, "2 web nginx:1.27 80");
    let status = k.ok(&["rollout", "status", "deployment/web", "--timeout=45s"]);
    assert!(status.contains("successfully rolled out"), "{status}");

    assert_eq!(
        k.ok(&[
            "expose",
            "deployment",
            "web",
            "--port=8080",
            "--target-port=80"
        ]),
        "service/web exposed\n"
    );
    let service = k.ok(&[
        "get",
        "service",
        "web",
        "-o",
        "jsonpath={.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort}",
    ]);
    assert_eq!(service, "web 8080 80");
    // The Service's addresses are the Deployment's pods.
    let ips = "jsonpath={.items[*].status.podIP}";
    k.until(&["get", "pods", "-l", "app=web", "-o", ips], SETTLE, |o| {
        o.split_whitespace().count() == 2
    });

    // A server-side dry run answers without storing.
    let dry = k.ok(&[
        "create",
        "deployment",
        "draft",
        "--image=nginx",
        "--dry-run=server",
        "-o",
        "name",
    ]);
    assert_eq!(dry, "deployment.apps/draft\n");
    assert!(!k
        .ok(&["get", "deployments", "-o", "name"])
        .contains("draft"));
}

#[test]
fn create_config_secret_namespace_and_service() {
    let k = Kubectl::start();
    let configmap = k.ok(&[
        "create",
        "configmap",
        "settings",
        "--from-literal=mode=fast",
        "--from-literal=level=3",
    ]);
    assert_eq!(configmap, "configmap/settings created\n");
    assert_eq!(
        k.ok(&[
            "get",
            "configmap",
            "settings",
            "-o",
            "jsonpath={.data.mode} {.data.level}"
        ]),
        "fast 3"
    );
    let again = k.run(&["create", "configmap", "settings", "--from-literal=a=1"]);
    assert!(!again.ok);
    assert_eq!(
        again.stderr.trim(),
        "error: failed to create configmap: configmaps \"settings\" already exists"
    );

    assert_eq!(
        k.ok(&[
            "create",
            "secret",
            "generic",
            "creds",
            "--from-literal=password=s3cret"
        ]),
        "secret/creds created\n"
    );
    // Stored as base64, as the protobuf bytes were.
    assert_eq!(
        k.ok(&["get", "secret", "creds", "-o", "jsonpath={.data.password}"]),
        "czNjcmV0"
    );

    assert_eq!(
        k.ok(&["create", "namespace", "team"]),
        "namespace/team created\n"
    );
    assert!(k
        .ok(&["get", "namespaces", "-o", "name"])
        .contains("namespace/team"));
    assert_eq!(
        k.ok(&[
            "create",
            "service",
            "clusterip",
            "api",
            "--tcp=8080:80",
            "-n",
            "team"
        ]),
        "service/api created\n"
    );
    let ports = k.ok(&[
        "get",
        "service",
        "api",
        "-n",
        "team",
        "-o",
        "jsonpath={.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort}",
    ]);
    assert_eq!(ports, "ClusterIP 8080 80");
}
