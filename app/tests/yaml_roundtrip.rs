//! Switching between the form and YAML loses nothing: a draft written as YAML and read
//! back stands for the same manifests, over random drafts (typed text included, valid
//! or not); and a manifest's fields the form has no control for survive the trip.

use app::wizard::draft::{
    Access, Check, ContainerDraft, Draft, EnvDraft, EnvSource, PortDraft, ProbeDraft, VolumeDraft,
    VolumeKind,
};
use app::wizard::settings::{
    ClusterDraft, ClusterMode, HookAction, HookDraft, LogPathDraft, NodeRuleDraft, SecurityDraft,
    Spread,
};
use app::wizard::{manifest, yaml};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Text as people type it: numbers, percentages, words YAML might misread, blanks.
fn typed() -> BoxedStrategy<String> {
    prop_oneof![
        "[0-9]{1,3}",
        "[0-9]{1,2}%",
        "[a-z0-9.:%-]{0,6}",
        Just("yes".to_owned()),
        Just("0123".to_owned()),
        Just("1e3".to_owned()),
        Just(String::new()),
    ]
    .boxed()
}

fn probe() -> BoxedStrategy<ProbeDraft> {
    (
        any::<bool>(),
        0..3u8,
        typed(),
        typed(),
        "[a-z /-]{0,12}",
        prop::array::uniform5(typed()),
    )
        .prop_map(
            |(enabled, check, path, port, command, parameters)| ProbeDraft {
                enabled,
                check: [Check::Http, Check::Tcp, Check::Exec][check as usize],
                path,
                port,
                scheme: "HTTP".to_owned(),
                command,
                parameters,
            },
        )
        .boxed()
}

fn security() -> BoxedStrategy<SecurityDraft> {
    (
        prop::array::uniform3(typed()),
        prop::array::uniform3(any::<bool>()),
    )
        .prop_map(
            |([user, group, fs], [non_root, privileged, read_only])| SecurityDraft {
                run_as_user: user,
                run_as_group: group,
                fs_group: fs,
                run_as_non_root: non_root,
                privileged,
                read_only_root: read_only,
            },
        )
        .boxed()
}

fn hook() -> BoxedStrategy<HookDraft> {
    (0..3u8, "[a-z \n]{0,10}", "/[a-z]{0,5}", typed())
        .prop_map(|(action, command, path, port)| {
            let action = [HookAction::None, HookAction::Exec, HookAction::Http][action as usize];
            match action {
                HookAction::None => HookDraft::default(),
                HookAction::Exec => HookDraft {
                    action,
                    command,
                    ..HookDraft::default()
                },
                HookAction::Http => HookDraft {
                    action,
                    path,
                    port,
                    ..HookDraft::default()
                },
            }
        })
        .boxed()
}

/// A volume of any kind, with the fields its kind writes.
fn volume() -> BoxedStrategy<VolumeDraft> {
    (
        0..6u8,
        0..3usize,
        "[0-9]{1,2}Gi",
        "/[a-z]{1,5}",
        "[a-z-]{0,6}",
    )
        .prop_map(|(kind, class, capacity, mount_path, ref_name)| {
            let kind = VolumeKind::ALL[kind as usize];
            let classes = app::wizard::volumes::storage_classes(kind);
            let keyed = matches!(kind, VolumeKind::ConfigMap | VolumeKind::Secret);
            VolumeDraft {
                kind,
                disk_type: classes
                    .get(class % classes.len().max(1))
                    .map(|c| (*c).to_owned())
                    .unwrap_or_default(),
                ref_name: if keyed { ref_name } else { String::new() },
                capacity: if keyed { String::new() } else { capacity },
                mount_path,
                ..VolumeDraft::default()
            }
        })
        .boxed()
}

fn env(id: u32) -> BoxedStrategy<EnvDraft> {
    ("[A-Z_]{1,6}", 0..5u8, typed(), "[a-z]{0,5}", "[a-z]{0,5}")
        .prop_map(move |(name, source, value, ref_name, ref_key)| {
            let source = [
                EnvSource::Value,
                EnvSource::PodIp,
                EnvSource::PodName,
                EnvSource::Secret,
                EnvSource::ConfigMap,
            ][source as usize];
            let keyed = matches!(source, EnvSource::Secret | EnvSource::ConfigMap);
            EnvDraft {
                id,
                name,
                source,
                value: if source == EnvSource::Value {
                    value
                } else {
                    String::new()
                },
                ref_name: if keyed { ref_name } else { String::new() },
                ref_key: if keyed { ref_key } else { String::new() },
            }
        })
        .boxed()
}

fn container(index: u32) -> BoxedStrategy<ContainerDraft> {
    (
        any::<bool>(),
        "[a-z]{1,8}",
        "[a-z0-9.]{0,4}",
        "[a-z0-9-]{0,8}",
        prop::array::uniform4(typed()),
        typed(),
        prop::collection::vec((0..3u8, "[a-z]{0,4}", typed()), 0..3),
        prop::array::uniform3(probe()),
        ("[a-z ]{0,10}", "[a-z0-9\n]{0,10}"),
        prop::collection::vec(env(0), 0..3),
        prop::option::of(volume()),
        (
            security(),
            hook(),
            hook(),
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec(("/[a-z]{0,5}", typed()), 0..3),
        ),
    )
        .prop_map(
            move |(
                init,
                image,
                tag,
                name,
                resources,
                gpu,
                ports,
                probes,
                (command, args),
                env,
                volume,
                (security, post_start, pre_stop, time_zone, stdout, log_paths),
            )| {
                let mut c = ContainerDraft::new(index * 100 + 1);
                c.init = init;
                c.image = image;
                c.tag = tag;
                c.name = name;
                [c.cpu_request, c.memory_request, c.cpu_limit, c.memory_limit] = resources;
                c.gpu_limit = gpu;
                c.ports = ports
                    .into_iter()
                    .enumerate()
                    .map(|(i, (protocol, name, port))| PortDraft {
                        id: index * 100 + 10 + i as u32,
                        protocol: ["TCP", "UDP", "SCTP"][protocol as usize].to_owned(),
                        name,
                        port,
                    })
                    .collect();
                c.probes = if init { Default::default() } else { probes };
                c.command = command;
                c.args = args;
                c.env = env;
                c.volumes = volume
                    .into_iter()
                    .map(|v| VolumeDraft {
                        id: index * 100 + 50,
                        name: format!("vol-{index}"),
                        ..v
                    })
                    .collect();
                c.security = SecurityDraft {
                    fs_group: String::new(),
                    ..security
                };
                (c.post_start, c.pre_stop) = (post_start, pre_stop);
                c.sync_time_zone = time_zone;
                c.log_stdout = stdout;
                c.log_paths = log_paths
                    .into_iter()
                    .enumerate()
                    .map(|(i, (path, size))| LogPathDraft {
                        id: index * 100 + 60 + i as u32,
                        path,
                        size,
                    })
                    .collect();
                c
            },
        )
        .boxed()
}

fn draft() -> BoxedStrategy<Draft> {
    (
        "[a-z][a-z0-9.-]{0,12}",
        "[a-z]{1,8}",
        "[a-zA-Z0-9 :#-]{0,20}",
        typed(),
        0..3u8,
        (0..3u8, typed(), typed()),
        (any::<bool>(), typed(), typed(), typed()),
        prop::collection::vec(container(0), 1..3),
        (
            0..3u8,
            "[0-9.\n]{0,16}",
            "[a-z.\n]{0,12}",
            "[a-z0-9=\n]{0,12}",
        ),
        (
            0..3u8,
            (typed(), 0..2u8),
            security(),
            0..3u8,
            prop::collection::vec(("[a-z./]{0,8}", 0..6usize, "[a-z0-9, ]{0,8}"), 0..3),
            (
                0..3u8,
                prop::collection::vec(("[a-z-]{0,6}", typed()), 0..3),
            ),
        ),
    )
        .prop_map(
            |(
                name,
                namespace,
                description,
                replicas,
                pod_type,
                access,
                strategy,
                containers,
                dns,
                (kind, (partition, management), security, spread, node_rules, clusters),
            )| {
                let mut d = Draft {
                    name,
                    namespace,
                    description,
                    replicas,
                    pod_type: ["general", "rdma", "gpu"][pod_type as usize].to_owned(),
                    ..Draft::default()
                };
                d.access = [Access::None, Access::Intranet, Access::Internet][access.0 as usize];
                (d.service_port, d.target_port) = (access.1, access.2);
                d.dns_mode = ["default", "append", "replace"][dns.0 as usize].to_owned();
                (d.nameservers, d.searches, d.dns_options) = (dns.1, dns.2, dns.3);
                d.kind = rules::workload::KINDS[kind as usize].to_owned();
                d.strategy = match (strategy.0, d.kind.as_str()) {
                    (true, _) => "RollingUpdate",
                    (false, "Deployment") => "Recreate",
                    (false, _) => "OnDelete",
                }
                .to_owned();
                d.partition = partition;
                d.pod_management = ["OrderedReady", "Parallel"][management as usize].to_owned();
                d.security = SecurityDraft {
                    privileged: false,
                    read_only_root: false,
                    ..security
                };
                d.spread = [Spread::None, Spread::Together, Spread::Apart][spread as usize];
                d.node_rules = node_rules
                    .into_iter()
                    .enumerate()
                    .map(|(i, (key, operator, values))| NodeRuleDraft {
                        id: 900 + i as u32,
                        key,
                        operator: rules::workload::NODE_OPERATORS[operator].to_owned(),
                        values,
                    })
                    .collect();
                d.cluster_mode = [
                    ClusterMode::Single,
                    ClusterMode::Replicas,
                    ClusterMode::Weights,
                ][clusters.0 as usize];
                if d.cluster_mode != ClusterMode::Single {
                    d.clusters = clusters
                        .1
                        .into_iter()
                        .enumerate()
                        .map(|(i, (name, value))| ClusterDraft {
                            id: 950 + i as u32,
                            name,
                            value,
                        })
                        .collect();
                }
                (d.max_surge, d.max_unavailable, d.min_ready_seconds) =
                    (strategy.1, strategy.2, strategy.3);
                d.containers = containers
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut c)| {
                        c.id = i as u32 + 1;
                        for v in &mut c.volumes {
                            v.name = format!("vol-{i}");
                        }
                        c
                    })
                    .collect();
                d
            },
        )
        .boxed()
}

fn manifests(d: &Draft) -> (Value, Option<Value>) {
    (manifest::workload(d), manifest::service(d))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn form_to_yaml_and_back_keeps_every_value(d in draft()) {
        let text = yaml::to_yaml(&d);
        let back = yaml::from_yaml(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(manifests(&back), manifests(&d), "{}", text);
        prop_assert_eq!(yaml::to_yaml(&back), text);
    }
}

/// Whether every leaf of `part` is in `whole` with the same value.
fn contains(whole: &Value, part: &Value) -> bool {
    match (whole, part) {
        (Value::Object(w), Value::Object(p)) => p
            .iter()
            .all(|(k, v)| w.get(k).is_some_and(|wv| contains(wv, v))),
        (Value::Array(w), Value::Array(p)) => {
            w.len() == p.len() && w.iter().zip(p).all(|(a, b)| contains(a, b))
        }
        (w, p) => w == p,
    }
}

#[test]
fn fields_without_a_control_are_kept_through_the_form() {
    let original = json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "shop", "namespace": "default", "labels": {"app": "shop", "tier": "web"}},
        "spec": {
            "replicas": 3,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": {"app": "shop"}},
            "template": {
                "metadata": {"labels": {"app": "shop", "tier": "web"}},
                "spec": {
                    "nodeSelector": {"disk": "ssd"},
                    "tolerations": [{"key": "gpu", "operator": "Exists"}],
                    "containers": [{
                        "name": "web", "image": "registry:5000/shop/web:v2",
                        "securityContext": {"runAsNonRoot": true},
                        "ports": [{"containerPort": 8080, "hostPort": 80, "protocol": "TCP"}],
                        "env": [{"name": "MODE", "value": "prod"}],
                        "volumeMounts": [{"name": "config", "mountPath": "/etc/shop", "readOnly": true}]
                    }],
                    "volumes": [{"name": "config", "configMap": {"name": "shop-config"}}]
                }
            }
        }
    });
    let text = serde_norway::to_string(&original).expect("yaml");
    let draft = yaml::from_yaml(&text).expect("a draft");
    assert_eq!(draft.containers[0].image, "registry:5000/shop/web");
    assert_eq!(draft.containers[0].tag, "v2");
    assert_eq!(draft.containers[0].ports[0].port, "8080");
    assert!(!draft.extra.is_null(), "tolerations and the rest are kept");
    let out = manifest::workload(&draft);
    assert!(
        contains(&out, &original),
        "lost something:\n{}",
        serde_norway::to_string(&out).unwrap_or_default()
    );
}
