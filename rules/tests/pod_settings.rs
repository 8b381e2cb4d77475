//! The pod settings of seed 004 beyond images and resources, as the shared rules check
//! them: volumes by kind, security contexts, log collection, scheduling rules and
//! replica scheduling over member clusters, StatefulSet options.

use crate::common;

use common::{check, container, errors_after, valid};
use rules::workload::{LOGS_PREFIX, REPLICA_SCHEDULING};
use rules::Violation;
use serde_json::json;

fn pod(m: &mut serde_json::Value) -> &mut serde_json::Value {
    &mut m["spec"]["template"]["spec"]
}

#[test]
fn disk_and_file_volumes_need_a_known_class_and_a_capacity() {
    let claim = |class: &str, storage: serde_json::Value| {
        json!({"name": "data", "ephemeral": {"volumeClaimTemplate": {"spec": {
            "accessModes": ["ReadWriteOnce"], "storageClassName": class,
            "resources": {"requests": {"storage": storage}}}}}})
    };
    let base = "spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.spec";
    assert!(errors_after(|m| pod(m)["volumes"][0] = claim("disk-ssd", json!("20Gi"))).is_empty());
    assert!(
        errors_after(|m| pod(m)["volumes"][0] = claim("turbo-performance", json!("1Ti")))
            .is_empty()
    );
    let errors = errors_after(|m| pod(m)["volumes"][0] = claim("floppy", json!("ten")));
    assert!(errors
        .iter()
        .any(|(p, v)| p == &format!("{base}.storageClassName")
            && matches!(v, Violation::Unsupported { .. })));
    assert!(errors.contains(&(
        format!("{base}.resources.requests.storage"),
        Violation::Quantity
    )));
    let errors = errors_after(|m| {
        pod(m)["volumes"][0] =
            json!({"name": "data", "ephemeral": {"volumeClaimTemplate": {"spec": {}}}})
    });
    assert!(errors.contains(&(format!("{base}.storageClassName"), Violation::Required)));
    assert!(errors.contains(&(
        format!("{base}.resources.requests.storage"),
        Violation::Required
    )));
}

#[test]
fn config_map_and_secret_mounts_name_their_object() {
    assert!(errors_after(
        |m| pod(m)["volumes"][0] = json!({"name": "data", "configMap": {"name": "app-config"}})
    )
    .is_empty());
    let errors = errors_after(|m| {
        pod(m)["volumes"][0] = json!({"name": "data", "secret": {"secretName": ""}})
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].0,
        "spec.template.spec.volumes[0].secret.secretName"
    );
    let errors = errors_after(|m| {
        pod(m)["volumes"][0] = json!({"name": "data", "configMap": {"name": "Bad_Name"}})
    });
    assert_eq!(errors[0].0, "spec.template.spec.volumes[0].configMap.name");
}

#[test]
fn security_context_ids_are_in_range_and_privileged_may_escalate() {
    assert!(errors_after(|m| {
        container(m)["securityContext"] = json!({"runAsUser": 1000, "runAsGroup": 0, "privileged": true, "readOnlyRootFilesystem": true});
        pod(m)["securityContext"] = json!({"runAsUser": 1000, "fsGroup": 2000, "runAsNonRoot": true});
    })
    .is_empty());
    let errors = errors_after(|m| {
        container(m)["securityContext"] = json!({"runAsUser": -1, "runAsGroup": "staff"});
        pod(m)["securityContext"] = json!({"fsGroup": 2_147_483_648_i64});
    });
    let at = "spec.template.spec.containers[0].securityContext";
    assert!(errors.contains(&(
        format!("{at}.runAsUser"),
        Violation::Between {
            min: 0,
            max: 2_147_483_647
        }
    )));
    assert!(errors.contains(&(format!("{at}.runAsGroup"), Violation::WholeNumber)));
    assert!(errors.contains(&(
        "spec.template.spec.securityContext.fsGroup".to_owned(),
        Violation::Between {
            min: 0,
            max: 2_147_483_647
        }
    )));
    let errors = errors_after(|m| {
        container(m)["securityContext"] =
            json!({"privileged": true, "allowPrivilegeEscalation": false});
    });
    assert_eq!(
        errors,
        vec![(
            format!("{at}.allowPrivilegeEscalation"),
            Violation::PrivilegedWithoutEscalation
        )]
    );
}

#[test]
fn root_with_run_as_non_root_is_a_warning() {
    let mut m = valid();
    container(&mut m)["securityContext"] = json!({"runAsNonRoot": true, "runAsUser": 0});
    let findings = check(&m);
    assert!(findings.is_valid());
    assert_eq!(
        findings.warning_at("spec.template.spec.containers[0].securityContext.runAsUser"),
        Some(&Violation::RootWhileNonRoot)
    );
}

#[test]
fn log_collection_names_a_container_with_absolute_paths_and_sizes() {
    let key = format!("{LOGS_PREFIX}nginx");
    let at = format!("spec.template.metadata.annotations[{key}]");
    let logs = |value: serde_json::Value| {
        let key = key.clone();
        move |m: &mut serde_json::Value| {
            m["spec"]["template"]["metadata"]["annotations"] = json!({ key: value.to_string() })
        }
    };
    assert!(errors_after(logs(
        json!({"stdout": true, "paths": [{"path": "/var/log/nginx", "size": "1Gi"}]})
    ))
    .is_empty());
    let errors = errors_after(logs(
        json!({"paths": [{"path": "var/log", "size": "lots"}, {"path": ""}]}),
    ));
    assert!(errors.contains(&(format!("{at}.paths[0].path"), Violation::NotAbsolute)));
    assert!(errors.contains(&(format!("{at}.paths[0].size"), Violation::Quantity)));
    assert!(errors.contains(&(format!("{at}.paths[1].path"), Violation::Required)));
    assert!(errors.contains(&(format!("{at}.paths[1].size"), Violation::Required)));
    let errors = errors_after(|m| {
        m["spec"]["template"]["metadata"]["annotations"] =
            json!({ format!("{LOGS_PREFIX}ghost"): "{not json" })
    });
    let ghost = format!("spec.template.metadata.annotations[{LOGS_PREFIX}ghost]");
    assert!(errors.contains(&(ghost.clone(), Violation::UnknownContainer)));
    assert!(errors.contains(&(ghost, Violation::NotJson)));
}

#[test]
fn node_rules_follow_upstream_operators() {
    let rule = |expression: serde_json::Value| {
        move |m: &mut serde_json::Value| {
            pod(m)["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms": [{"matchExpressions": [expression]}]}}})
        }
    };
    let at = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]";
    for ok in [
        json!({"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["a"]}),
        json!({"key": "gpu", "operator": "Exists"}),
        json!({"key": "cores", "operator": "Gt", "values": ["4"]}),
    ] {
        assert!(errors_after(rule(ok.clone())).is_empty(), "{ok}");
    }
    let cases = [
        (
            json!({"key": "zone", "operator": "In"}),
            "values",
            Violation::Required,
        ),
        (
            json!({"key": "zone", "operator": "Exists", "values": ["a"]}),
            "values",
            Violation::ValuesForbidden,
        ),
        (
            json!({"key": "cores", "operator": "Lt", "values": ["many"]}),
            "values",
            Violation::SingleNumber,
        ),
        (
            json!({"key": "cores", "operator": "Gt", "values": ["1", "2"]}),
            "values",
            Violation::SingleNumber,
        ),
        (
            json!({"key": "-zone", "operator": "Exists"}),
            "key",
            Violation::QualifiedName,
        ),
        (
            json!({"key": "Bad_Prefix/zone", "operator": "Exists"}),
            "key",
            Violation::QualifiedName,
        ),
    ];
    for (expression, field, violation) in cases {
        assert_eq!(
            errors_after(rule(expression)),
            vec![(format!("{at}.{field}"), violation)]
        );
    }
    let errors = errors_after(rule(
        json!({"key": "zone", "operator": "Near", "values": ["a"]}),
    ));
    assert!(matches!(errors[0].1, Violation::Unsupported { .. }));
}

#[test]
fn pod_affinity_terms_need_a_topology_key() {
    let term = |key: serde_json::Value| {
        move |m: &mut serde_json::Value| {
            pod(m)["affinity"] = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": key}]}})
        }
    };
    assert!(errors_after(term(json!("kubernetes.io/hostname"))).is_empty());
    assert_eq!(
        errors_after(term(json!(""))),
        vec![(
            "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey".to_owned(),
            Violation::Required
        )]
    );
}

#[test]
fn replica_scheduling_adds_up_and_weighs_at_least_one() {
    let at = format!("metadata.annotations[{REPLICA_SCHEDULING}]");
    let scheduling = |settings: serde_json::Value, replicas: i64| {
        move |m: &mut serde_json::Value| {
            m["metadata"]["annotations"][REPLICA_SCHEDULING] = json!(settings.to_string());
            m["spec"]["replicas"] = json!(replicas);
        }
    };
    let by_count = json!({"mode": "Replicas", "clusters": [{"name": "east", "replicas": 1}, {"name": "west", "replicas": 2}]});
    assert!(errors_after(scheduling(by_count.clone(), 3)).is_empty());
    assert_eq!(
        errors_after(scheduling(by_count, 2)),
        vec![(
            "spec.replicas".to_owned(),
            Violation::ReplicasNotSum { sum: 3 }
        )]
    );
    let by_weight = json!({"mode": "Weights", "clusters": [{"name": "east", "weight": 3}, {"name": "west", "weight": 1}]});
    assert!(errors_after(scheduling(by_weight, 8)).is_empty());
    let errors = errors_after(scheduling(
        json!({"mode": "Weights", "clusters": [{"name": "east", "weight": 0}, {"name": "east", "weight": "x"}]}),
        2,
    ));
    assert!(errors.contains(&(
        format!("{at}.clusters[0].weight"),
        Violation::AtLeast { min: 1 }
    )));
    assert!(errors.contains(&(
        format!("{at}.clusters[1].name"),
        Violation::Duplicate("east".into())
    )));
    assert!(errors.contains(&(format!("{at}.clusters[1].weight"), Violation::WholeNumber)));
    let errors = errors_after(scheduling(json!({"mode": "Replicas", "clusters": []}), 0));
    assert_eq!(
        errors,
        vec![(format!("{at}.clusters"), Violation::Required)]
    );
    let errors = errors_after(|m| m["metadata"]["annotations"][REPLICA_SCHEDULING] = json!("{"));
    assert_eq!(errors, vec![(at, Violation::NotJson)]);
}

#[test]
fn a_stateful_set_takes_a_partition_and_a_pod_management_policy() {
    let stateful = |strategy: serde_json::Value, policy: &str| {
        let policy = policy.to_owned();
        move |m: &mut serde_json::Value| {
            m["kind"] = json!("StatefulSet");
            m["spec"].as_object_mut().map(|s| s.remove("strategy"));
            m["spec"]
                .as_object_mut()
                .map(|s| s.remove("progressDeadlineSeconds"));
            m["spec"]["updateStrategy"] = strategy;
            m["spec"]["podManagementPolicy"] = json!(policy);
        }
    };
    assert!(errors_after(stateful(
        json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 1}}),
        "Parallel"
    ))
    .is_empty());
    assert!(errors_after(stateful(json!({"type": "OnDelete"}), "OrderedReady")).is_empty());
    let errors = errors_after(stateful(
        json!({"type": "RollingUpdate", "rollingUpdate": {"partition": -1}}),
        "Random",
    ));
    assert!(errors.contains(&(
        "spec.updateStrategy.rollingUpdate.partition".to_owned(),
        Violation::AtLeast { min: 0 }
    )));
    assert!(errors.iter().any(
        |(p, v)| p == "spec.podManagementPolicy" && matches!(v, Violation::Unsupported { .. })
    ));
}

#[test]
fn pod_types_are_offered_from_the_nodes_that_run_them() {
    use rules::workload::{offered_pod_types, POD_TYPE};
    use std::collections::BTreeMap;
    let node = |pod_type: Option<&str>| -> BTreeMap<String, String> {
        pod_type
            .map(|t| BTreeMap::from([(POD_TYPE.to_owned(), t.to_owned())]))
            .unwrap_or_default()
    };
    // A real cluster's nodes carry no pod type: general-purpose only.
    let plain = [node(None), node(None)];
    assert_eq!(offered_pod_types(&plain, true), ["general"]);
    let mixed = [node(None), node(Some("rdma")), node(Some("gpu"))];
    assert_eq!(offered_pod_types(&mixed, false), ["general", "rdma"]);
    assert_eq!(offered_pod_types(&mixed, true), ["general", "rdma", "gpu"]);
    // A type Berth doesn't know is not offered.
    assert_eq!(offered_pod_types(&[node(Some("fpga"))], true), ["general"]);
}
