//! Each rule of SPEC §1 as the shared validation applies it to a manifest: one valid
//! case and at least one invalid case per rule, each reported at its field path.

use rules::{validate_workload, Context, Findings, NameError, Violation};
use serde_json::{json, Value};

use crate::common;

use common::{check, container, errors_after, valid, C0};

#[test]
fn the_valid_manifest_has_no_findings() {
    assert_eq!(check(&valid()), Findings::default());
}

#[test]
fn workload_name_is_checked_at_metadata_name() {
    let errors = errors_after(|m| m["metadata"]["name"] = json!("Web"));
    assert_eq!(
        errors,
        vec![(
            "metadata.name".into(),
            Violation::Name(NameError::InvalidCharacter)
        )]
    );
    let errors = errors_after(|m| m["metadata"]["name"] = json!("a".repeat(64)));
    assert_eq!(
        errors,
        vec![("metadata.name".into(), NameError::TooLong(63).into())]
    );
    let errors = errors_after(|m| {
        m["metadata"]
            .as_object_mut()
            .unwrap()
            .remove("name")
            .map(drop)
            .unwrap_or(())
    });
    assert_eq!(
        errors,
        vec![("metadata.name".into(), NameError::Empty.into())]
    );
}

#[test]
fn description_is_at_most_250_characters() {
    let at = "metadata.annotations[berth.dev/description]".to_owned();
    assert!(errors_after(
        |m| m["metadata"]["annotations"]["berth.dev/description"] = json!("д".repeat(250))
    )
    .is_empty());
    let errors = errors_after(|m| {
        m["metadata"]["annotations"]["berth.dev/description"] = json!("x".repeat(251))
    });
    assert_eq!(errors, vec![(at, Violation::TooLong { max: 250 })]);
}

#[test]
fn replicas_may_be_zero_but_not_negative() {
    assert!(errors_after(|m| m["spec"]["replicas"] = json!(0)).is_empty());
    let errors = errors_after(|m| m["spec"]["replicas"] = json!(-1));
    assert_eq!(
        errors,
        vec![("spec.replicas".into(), Violation::AtLeast { min: 0 })]
    );
}

#[test]
fn a_pod_needs_a_container_with_an_image_and_a_label_name() {
    let errors = errors_after(|m| m["spec"]["template"]["spec"]["containers"] = json!([]));
    assert_eq!(
        errors,
        vec![(
            "spec.template.spec.containers".into(),
            Violation::NoContainers
        )]
    );
    let errors = errors_after(|m| container(m)["image"] = json!(" "));
    assert_eq!(errors, vec![(format!("{C0}.image"), Violation::Required)]);
    let errors = errors_after(|m| container(m)["name"] = json!("web.1"));
    assert_eq!(errors, vec![(format!("{C0}.name"), NameError::Dot.into())]);
}

#[test]
fn container_names_are_unique_across_init_and_main_containers() {
    let errors = errors_after(|m| container(m)["name"] = json!("setup"));
    assert_eq!(
        errors,
        vec![(format!("{C0}.name"), Violation::Duplicate("setup".into()))]
    );
}

#[test]
fn ports_are_1_to_65535_with_iana_names_and_known_protocols() {
    for ok in [1, 65535] {
        assert!(errors_after(|m| container(m)["ports"][0]["containerPort"] = json!(ok)).is_empty());
    }
    for bad in [0, 65536] {
        let errors = errors_after(|m| container(m)["ports"][0]["containerPort"] = json!(bad));
        assert_eq!(
            errors,
            vec![(
                format!("{C0}.ports[0].containerPort"),
                Violation::Between { min: 1, max: 65535 }
            )]
        );
    }
    for bad in ["HTTP", "web--1", "-web", "1234", "a-very-long-port-name"] {
        let errors = errors_after(|m| container(m)["ports"][0]["name"] = json!(bad));
        assert_eq!(
            errors,
            vec![(format!("{C0}.ports[0].name"), Violation::PortName)],
            "{bad}"
        );
    }
    let errors = errors_after(|m| container(m)["ports"][0]["protocol"] = json!("HTTP"));
    assert!(
        matches!(&errors[..], [(p, Violation::Unsupported { .. })] if *p == format!("{C0}.ports[0].protocol"))
    );
}

#[test]
fn two_containers_on_one_port_is_a_warning_not_an_error() {
    let mut m = valid();
    let mut second = container(&mut m).clone();
    second["name"] = json!("sidecar");
    m["spec"]["template"]["spec"]["containers"]
        .as_array_mut()
        .unwrap()
        .push(second);
    let findings = check(&m);
    assert!(findings.is_valid(), "{:?}", findings.errors);
    assert_eq!(
        findings.warning_at("spec.template.spec.containers[1].ports[0].containerPort"),
        Some(&Violation::PortInUse {
            port: 80,
            protocol: "TCP".into(),
            other: "nginx".into()
        })
    );
}

#[test]
fn pull_policy_is_one_of_three() {
    let errors = errors_after(|m| container(m)["imagePullPolicy"] = json!("Sometimes"));
    assert!(
        matches!(&errors[..], [(p, Violation::Unsupported { .. })] if *p == format!("{C0}.imagePullPolicy"))
    );
}

#[test]
fn resources_are_quantities_with_requests_within_limits() {
    let errors = errors_after(|m| container(m)["resources"]["requests"]["cpu"] = json!("lots"));
    assert_eq!(
        errors,
        vec![(format!("{C0}.resources.requests.cpu"), Violation::Quantity)]
    );
    let errors = errors_after(|m| container(m)["resources"]["requests"]["memory"] = json!("2Gi"));
    assert_eq!(
        errors,
        vec![(
            format!("{C0}.resources.requests.memory"),
            Violation::RequestOverLimit {
                resource: "memory".into()
            }
        )]
    );
}

#[test]
fn gpu_needs_the_gpu_pod_type_in_a_gpu_namespace_and_one_container() {
    let gpu = |m: &mut Value| {
        // The smallest GPU flavour: 4 vCPU, 16 GiB, 1 GPU.
        container(m)["resources"] = json!({"requests": {"cpu": "2", "memory": "8Gi"},
                                            "limits": {"cpu": "4", "memory": "16Gi", "nvidia.com/gpu": "1"}});
        m["spec"]["template"]["metadata"]["annotations"] = json!({"berth.dev/pod-type": "gpu"});
    };
    let limits = format!("{C0}.resources.limits");
    let pod_type = rules::workload::pod_type_path();
    assert_eq!(
        errors_after(gpu),
        vec![
            (pod_type.clone(), Violation::GpuNotAllowed),
            (limits.clone(), Violation::GpuNotAllowed)
        ]
    );
    // The GPU-accelerated type itself, without a GPU, belongs in a GPU namespace too.
    let gpu_type = |m: &mut Value| {
        m["spec"]["template"]["metadata"]["annotations"] = json!({"berth.dev/pod-type": "gpu"});
    };
    assert!(errors_after(gpu_type).contains(&(pod_type, Violation::GpuNotAllowed)));
    let mut m = valid();
    gpu(&mut m);
    let gpu_ns = Context {
        gpu_namespace: true,
    };
    assert!(validate_workload(&m, gpu_ns).is_valid());
    m["spec"]["template"]["spec"]["initContainers"][0]["resources"] =
        json!({"limits": {"nvidia.com/gpu": "1"}});
    let errors = validate_workload(&m, gpu_ns).errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, limits);
    assert_eq!(errors[0].violation, Violation::OneGpuContainer);
}

#[test]
fn probe_parameters_have_upstream_minimums() {
    let cases = [
        ("initialDelaySeconds", -1, Violation::AtLeast { min: 0 }),
        ("periodSeconds", 0, Violation::AtLeast { min: 1 }),
        ("timeoutSeconds", 0, Violation::AtLeast { min: 1 }),
        ("successThreshold", 0, Violation::AtLeast { min: 1 }),
        ("failureThreshold", 0, Violation::AtLeast { min: 1 }),
    ];
    for (field, value, want) in cases {
        let errors = errors_after(|m| container(m)["readinessProbe"][field] = json!(value));
        assert_eq!(
            errors,
            vec![(format!("{C0}.readinessProbe.{field}"), want)],
            "{field}"
        );
    }
    assert!(
        errors_after(|m| container(m)["readinessProbe"]["initialDelaySeconds"] = json!(0))
            .is_empty()
    );
}

#[test]
fn success_threshold_is_one_for_liveness_and_startup() {
    for probe in ["livenessProbe", "startupProbe"] {
        let errors = errors_after(|m| container(m)[probe]["successThreshold"] = json!(2));
        assert_eq!(
            errors,
            vec![(
                format!("{C0}.{probe}.successThreshold"),
                Violation::MustBeOne
            )]
        );
    }
}

#[test]
fn probes_and_hooks_have_exactly_one_complete_handler() {
    let errors = errors_after(|m| container(m)["livenessProbe"]["tcpSocket"] = json!({"port": 80}));
    assert_eq!(
        errors,
        vec![(format!("{C0}.livenessProbe"), Violation::OneHandler)]
    );
    let errors = errors_after(|m| container(m)["startupProbe"] = json!({"periodSeconds": 5}));
    assert_eq!(
        errors,
        vec![(format!("{C0}.startupProbe"), Violation::OneHandler)]
    );
    let errors = errors_after(|m| container(m)["startupProbe"]["exec"]["command"] = json!([]));
    assert_eq!(
        errors,
        vec![(
            format!("{C0}.startupProbe.exec.command"),
            Violation::Required
        )]
    );
    let errors = errors_after(|m| container(m)["livenessProbe"]["httpGet"]["port"] = json!(70000));
    assert_eq!(
        errors,
        vec![(
            format!("{C0}.livenessProbe.httpGet.port"),
            Violation::Between { min: 1, max: 65535 }
        )]
    );
    let errors =
        errors_after(|m| container(m)["livenessProbe"]["httpGet"]["scheme"] = json!("FTP"));
    assert_eq!(errors.len(), 1);
    let errors = errors_after(|m| container(m)["lifecycle"]["preStop"] = json!({}));
    assert_eq!(
        errors,
        vec![(format!("{C0}.lifecycle.preStop"), Violation::OneHandler)]
    );
}

#[test]
fn env_vars_have_valid_names_and_one_source() {
    for bad in ["", "1ST", "A=B", "with space"] {
        let errors = errors_after(|m| container(m)["env"][0]["name"] = json!(bad));
        assert_eq!(
            errors,
            vec![(format!("{C0}.env[0].name"), Violation::EnvName)],
            "{bad:?}"
        );
    }
    let errors = errors_after(|m| {
        container(m)["env"][1]["valueFrom"]["configMapKeyRef"] = json!({"name": "c", "key": "k"})
    });
    assert_eq!(
        errors,
        vec![(format!("{C0}.env[1].valueFrom"), Violation::OneSource)]
    );
    let errors = errors_after(|m| {
        container(m)["env"][1]["valueFrom"]["fieldRef"]["fieldPath"] = json!("spec.secret")
    });
    assert!(
        matches!(&errors[..], [(p, Violation::Unsupported { .. })] if *p == format!("{C0}.env[1].valueFrom.fieldRef.fieldPath"))
    );
    let errors =
        errors_after(|m| container(m)["env"][2]["valueFrom"]["secretKeyRef"]["key"] = json!(""));
    assert_eq!(
        errors,
        vec![(
            format!("{C0}.env[2].valueFrom.secretKeyRef.key"),
            Violation::Required
        )]
    );
}

#[test]
fn mounts_name_a_volume_at_an_absolute_path() {
    let errors = errors_after(|m| container(m)["volumeMounts"][0]["name"] = json!("cache"));
    assert_eq!(
        errors,
        vec![(
            format!("{C0}.volumeMounts[0].name"),
            Violation::UnknownVolume
        )]
    );
    let errors = errors_after(|m| container(m)["volumeMounts"][0]["mountPath"] = json!("data"));
    assert_eq!(
        errors,
        vec![(
            format!("{C0}.volumeMounts[0].mountPath"),
            Violation::NotAbsolute
        )]
    );
    let errors = errors_after(|m| {
        m["spec"]["template"]["spec"]["volumes"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "data", "emptyDir": {}}))
    });
    assert_eq!(
        errors,
        vec![(
            "spec.template.spec.volumes[1].name".into(),
            Violation::Duplicate("data".into())
        )]
    );
}

#[test]
fn volume_capacity_is_a_quantity() {
    let errors = errors_after(|m| {
        m["spec"]["template"]["spec"]["volumes"][0]["emptyDir"]["sizeLimit"] = json!("ten gigs")
    });
    assert_eq!(
        errors,
        vec![(
            "spec.template.spec.volumes[0].emptyDir.sizeLimit".into(),
            Violation::Quantity
        )]
    );
}

#[test]
fn rolling_update_takes_ints_or_percentages_and_not_both_zero() {
    for ok in [json!(0), json!(3), json!("0%"), json!("100%")] {
        assert!(
            errors_after(|m| m["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = ok).is_empty()
        );
    }
    for bad in [json!(-1), json!("101%"), json!("a%"), json!("5")] {
        let errors =
            errors_after(|m| m["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = bad.clone());
        assert_eq!(
            errors,
            vec![(
                "spec.strategy.rollingUpdate.maxSurge".into(),
                Violation::IntOrPercent
            )],
            "{bad}"
        );
    }
    let errors = errors_after(|m| {
        m["spec"]["strategy"]["rollingUpdate"] = json!({"maxSurge": 0, "maxUnavailable": "0%"})
    });
    assert_eq!(
        errors,
        vec![(
            "spec.strategy.rollingUpdate.maxUnavailable".into(),
            Violation::BothZero
        )]
    );
}

#[test]
fn replace_upgrade_takes_no_rolling_parameters() {
    let errors = errors_after(|m| m["spec"]["strategy"]["type"] = json!("Recreate"));
    assert_eq!(
        errors,
        vec![(
            "spec.strategy.rollingUpdate".into(),
            Violation::NotWithStrategy("Recreate".into())
        )]
    );
    assert!(errors_after(|m| m["spec"]["strategy"] = json!({"type": "Recreate"})).is_empty());
    let errors = errors_after(|m| m["spec"]["strategy"]["type"] = json!("BlueGreen"));
    assert!(
        matches!(&errors[..], [(p, Violation::Unsupported { .. })] if p == "spec.strategy.type")
    );
}

#[test]
fn min_ready_and_progress_deadline() {
    let errors = errors_after(|m| m["spec"]["minReadySeconds"] = json!(-5));
    assert_eq!(
        errors,
        vec![("spec.minReadySeconds".into(), Violation::AtLeast { min: 0 })]
    );
    let errors = errors_after(|m| m["spec"]["minReadySeconds"] = json!(600));
    assert_eq!(
        errors,
        vec![(
            "spec.progressDeadlineSeconds".into(),
            Violation::DeadlineNotAboveMinReady
        )]
    );
}

#[test]
fn the_selector_must_pick_the_template() {
    let errors = errors_after(|m| m["spec"]["selector"]["matchLabels"]["app"] = json!("other"));
    assert_eq!(
        errors,
        vec![(
            "spec.template.metadata.labels".into(),
            Violation::SelectorMismatch
        )]
    );
}

#[test]
fn dns_config_limits() {
    let errors = errors_after(|m| {
        m["spec"]["template"]["spec"]["dnsConfig"]["nameservers"] =
            json!(["1.1.1.1", "8.8.8.8", "9.9.9.9", "1.0.0.1"])
    });
    assert_eq!(
        errors,
        vec![(
            "spec.template.spec.dnsConfig.nameservers".into(),
            Violation::TooMany { max: 3 }
        )]
    );
    let errors = errors_after(|m| {
        m["spec"]["template"]["spec"]["dnsPolicy"] = json!("None");
        m["spec"]["template"]["spec"]["dnsConfig"] = json!({"searches": ["a"]});
    });
    assert_eq!(
        errors,
        vec![(
            "spec.template.spec.dnsConfig.nameservers".into(),
            Violation::Required
        )]
    );
}

#[test]
fn statefulset_and_daemonset_strategies() {
    let stateful = |strategy: Value| {
        let mut m = valid();
        m["kind"] = json!("StatefulSet");
        let spec = m["spec"].as_object_mut().unwrap();
        spec.remove("strategy");
        spec.remove("progressDeadlineSeconds");
        spec.insert("updateStrategy".into(), strategy);
        check(&m).errors
    };
    assert!(stateful(json!({"type": "OnDelete"})).is_empty());
    assert!(stateful(
        json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2, "maxUnavailable": 1}})
    )
    .is_empty());
    let errors = stateful(json!({"type": "RollingUpdate", "rollingUpdate": {"partition": -1}}));
    assert_eq!(
        errors[0].path,
        "spec.updateStrategy.rollingUpdate.partition"
    );
    let errors = stateful(json!({"type": "Recreate"}));
    assert_eq!(errors[0].path, "spec.updateStrategy.type");

    let mut daemon = valid();
    daemon["kind"] = json!("DaemonSet");
    let spec = daemon["spec"].as_object_mut().unwrap();
    spec.remove("strategy");
    spec.remove("progressDeadlineSeconds");
    spec.insert(
        "updateStrategy".into(),
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0}}),
    );
    let errors = check(&daemon).errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].violation, Violation::BothZero);
}

#[test]
fn unknown_kinds_are_refused() {
    let errors = errors_after(|m| m["kind"] = json!("ReplicationController"));
    assert!(matches!(&errors[..], [(p, Violation::Unsupported { .. })] if p == "kind"));
}

#[test]
fn numbers_typed_as_text_are_refused() {
    let errors = errors_after(|m| m["spec"]["replicas"] = json!("three"));
    assert_eq!(
        errors,
        vec![("spec.replicas".into(), Violation::WholeNumber)]
    );
}

#[test]
fn access_services_need_a_port_in_range() {
    let service = |port: Value| {
        rules::validate_service(&json!({"kind": "Service", "metadata": {"name": "web"},
            "spec": {"type": "LoadBalancer", "ports": [{"port": port, "targetPort": 80}]}}))
    };
    assert!(service(json!(80)).is_valid());
    assert_eq!(
        service(json!(0)).error_at("spec.ports[0].port"),
        Some(&Violation::Between { min: 1, max: 65535 })
    );
}

#[test]
fn a_service_name_is_a_dns_1035_label() {
    let named = |name: &str| {
        rules::validate_service(&json!({"kind": "Service", "metadata": {"name": name},
            "spec": {"type": "ClusterIP", "ports": [{"port": 80}]}}))
    };
    assert!(named("web-v2").is_valid());
    // Valid workload names, but not host names.
    assert_eq!(
        named("2048-game").error_at("metadata.name"),
        Some(&Violation::Name(rules::NameError::LetterFirst))
    );
    assert_eq!(
        named("web.v2").error_at("metadata.name"),
        Some(&Violation::Name(rules::NameError::Dot))
    );
}

#[test]
fn a_target_port_no_container_declares_is_warned_of() {
    let service = |target: Value| json!({"kind": "Service", "spec": {"ports": [{"port": 80, "targetPort": target}]}});
    let redis = json!({"containers": [{"name": "redis", "ports": [{"name": "db", "containerPort": 6379}]}]});
    let warnings =
        |target: Value, spec: &Value| rules::check_target_ports(&service(target), spec).warnings;
    assert!(warnings(json!(6379), &redis).is_empty());
    assert!(warnings(json!("db"), &redis).is_empty());
    let wrong = warnings(json!(80), &redis);
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0].path, "spec.ports[0].targetPort");
    assert_eq!(
        wrong[0].violation,
        Violation::NoContainerPort { port: "80".into() }
    );
    // Containers that declare no ports say nothing of where they listen.
    assert!(warnings(json!(80), &json!({"containers": [{"name": "app"}]})).is_empty());
}

#[test]
fn limits_add_up_to_a_flavour_of_the_pod_type() {
    let at = "spec.template.metadata.annotations[berth.dev/pod-type]".to_owned();
    let errors = errors_after(|m| container(m)["resources"]["limits"]["cpu"] = json!("1500m"));
    assert_eq!(
        errors,
        vec![(
            at,
            Violation::NoFlavour {
                cpu: "1.5".into(),
                memory_gib: "1".into()
            }
        )]
    );
    assert!(errors_after(|m| {
        container(m)["resources"] = json!({"limits": {"cpu": "1", "memory": "2Gi"}})
    })
    .is_empty());
    assert!(errors_after(|m| container(m)
        .as_object_mut()
        .map(|c| c.remove("resources"))
        .map(drop)
        .unwrap_or(()))
    .is_empty());
    let errors = errors_after(|m| {
        m["spec"]["template"]["metadata"]["annotations"] = json!({"berth.dev/pod-type": "rdma"})
    });
    assert!(matches!(&errors[..], [(_, Violation::NoFlavour { .. })]));
}

#[test]
fn a_bare_pod_keeps_upstreams_container_basics() {
    let pod = |containers: Value| {
        rules::workload::validate_pod(
            &json!({"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": containers}}),
            Context::default(),
        )
    };
    assert!(pod(json!([{"name": "pause", "image": "pause"}])).is_valid());
    let unnamed = pod(json!([{"name1": "pause", "image": "pause"}]));
    assert_eq!(unnamed.errors.len(), 1);
    assert_eq!(unnamed.errors[0].path, "spec.containers[0].name");
    assert_eq!(unnamed.errors[0].violation.to_string(), "Required value");
    let twins = pod(json!([{"name": "a", "image": "x"}, {"name": "a"}]));
    let paths: Vec<&str> = twins.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        ["spec.containers[1].name", "spec.containers[1].image"]
    );
    assert!(!pod(json!([])).is_valid());
}

#[test]
fn an_external_name_service_names_a_host_and_needs_no_port_or_cluster_ip() {
    let external = |spec: Value| {
        let mut manifest = json!({"kind": "Service", "metadata": {"name": "db"},
            "spec": {"type": "ExternalName"}});
        for (key, value) in spec.as_object().expect("an object") {
            manifest["spec"][key] = value.clone();
        }
        rules::validate_service(&manifest)
    };
    assert!(external(json!({"externalName": "db.example.com"})).is_valid());
    assert!(external(json!({"externalName": "db.example.com."})).is_valid());
    assert_eq!(
        external(json!({})).error_at("spec.externalName"),
        Some(&Violation::Required)
    );
    assert!(matches!(
        external(json!({"externalName": "not a host"})).error_at("spec.externalName"),
        Some(Violation::Name(_))
    ));
    assert_eq!(
        external(json!({"externalName": "db.example.com", "clusterIP": "10.96.0.9"}))
            .error_at("spec.clusterIP"),
        Some(&Violation::NotForExternalName)
    );
    assert_eq!(
        external(json!({"externalName": "db.example.com", "clusterIPs": ["10.96.0.9"]}))
            .error_at("spec.clusterIPs"),
        Some(&Violation::NotForExternalName)
    );
}

#[test]
fn a_headless_service_may_have_no_ports_and_other_services_must() {
    let ports_of = |spec: Value| {
        rules::validate_service(
            &json!({"kind": "Service", "metadata": {"name": "db"}, "spec": spec}),
        )
    };
    assert!(ports_of(json!({"clusterIP": "None", "selector": {"app": "db"}})).is_valid());
    assert_eq!(
        ports_of(json!({"type": "ClusterIP"})).error_at("spec.ports"),
        Some(&Violation::Required)
    );
}
