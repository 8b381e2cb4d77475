//! A manifest read into the wizard (Edit YAML, or a pasted manifest): each field the
//! form has a control for fills it, and everything else is kept as it was.

use serde_json::Value;

use super::draft::{
    Access, Check, ContainerDraft, Draft, EnvDraft, EnvSource, PortDraft, ProbeDraft,
};
use super::text::{joined as lines, text};
use super::{extras, manifest, placement, runtime, volumes};
use rules::workload::{ProbeKind, DESCRIPTION, POD_TYPE, PROBE_DEFAULTS, REPLICA_SCHEDULING};

/// Splits `repository:tag` at the tag's colon (not a registry's port).
fn split_image(image: &str) -> (String, String) {
    let last_slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[last_slash..].rfind(':') {
        Some(colon) if !image.contains('@') => {
            let at = last_slash + colon;
            (image[..at].to_owned(), image[at + 1..].to_owned())
        }
        _ => (image.to_owned(), String::new()),
    }
}

/// The draft a workload manifest (and its Service, if any) stands for.
pub fn draft(workload: &Value, service: Option<&Value>) -> Draft {
    let mut d = Draft {
        containers: Vec::new(),
        ..Draft::default()
    };
    d.kind = workload["kind"].as_str().unwrap_or("Deployment").to_owned();
    let meta = &workload["metadata"];
    d.name = text(&meta["name"]);
    d.namespace = meta["namespace"].as_str().unwrap_or("default").to_owned();
    d.description = text(&meta["annotations"][DESCRIPTION]);
    let spec = &workload["spec"];
    d.replicas = text(&spec["replicas"]);
    placement::read_replica_scheduling(&meta["annotations"][REPLICA_SCHEDULING], &mut d);
    d.min_ready_seconds = text(&spec["minReadySeconds"]);
    let template = &spec["template"];
    d.pod_type = template["metadata"]["annotations"][POD_TYPE]
        .as_str()
        .unwrap_or("general")
        .to_owned();
    let strategy = if d.kind == "Deployment" {
        &spec["strategy"]
    } else {
        &spec["updateStrategy"]
    };
    d.strategy = match strategy["type"].as_str() {
        Some(other @ ("Recreate" | "OnDelete")) => other.to_owned(),
        _ => "RollingUpdate".to_owned(),
    };
    let rolling = &strategy["rollingUpdate"];
    d.max_surge = text(&rolling["maxSurge"]);
    d.max_unavailable = text(&rolling["maxUnavailable"]);
    d.partition = text(&rolling["partition"]);
    if let Some(policy) = spec["podManagementPolicy"].as_str() {
        d.pod_management = policy.to_owned();
    }
    let pod = &template["spec"];
    read_dns(pod, &mut d);
    d.security = runtime::read_security(&pod["securityContext"]);
    placement::read_affinity(&pod["affinity"], &mut d);
    let annotations = &template["metadata"]["annotations"];
    let volumes = pod["volumes"].as_array().cloned().unwrap_or_default();
    for (init, list) in [(true, "initContainers"), (false, "containers")] {
        for c in pod[list].as_array().into_iter().flatten() {
            let id = d.new_id();
            let mut container = read_container(c, id, init, &volumes, &mut d.next_id);
            runtime::read_logs(annotations, &mut container, &mut d.next_id);
            container.extra = extras::beyond(c, &manifest::container(&container));
            d.containers.push(container);
        }
    }
    if let Some(svc) = service {
        d.access = match svc["spec"]["type"].as_str() {
            Some("LoadBalancer" | "NodePort") => Access::Internet,
            _ => Access::Intranet,
        };
        let name = svc["metadata"]["name"].as_str().unwrap_or_default();
        d.service_name = (name != d.name).then(|| name.to_owned());
        d.service_port = text(&svc["spec"]["ports"][0]["port"]);
        d.target_port = text(&svc["spec"]["ports"][0]["targetPort"]);
        d.service_ports_chosen = true;
    }
    d.extra = extras::beyond(workload, &manifest::workload(&d));
    d
}

fn read_container(
    c: &Value,
    id: u32,
    init: bool,
    volumes: &[Value],
    next_id: &mut u32,
) -> ContainerDraft {
    let mut new_id = || {
        *next_id += 1;
        *next_id
    };
    let mut out = ContainerDraft::new(id);
    out.init = init;
    let (image, tag) = split_image(c["image"].as_str().unwrap_or_default());
    out.image = image;
    out.tag = tag;
    out.name = text(&c["name"]);
    out.name_edited = true;
    out.pull_policy = c["imagePullPolicy"]
        .as_str()
        .unwrap_or("IfNotPresent")
        .to_owned();
    let resources = &c["resources"];
    out.cpu_request = text(&resources["requests"]["cpu"]);
    out.memory_request = text(&resources["requests"]["memory"]);
    out.cpu_limit = text(&resources["limits"]["cpu"]);
    out.memory_limit = text(&resources["limits"]["memory"]);
    if let Some((key, value)) = resources["limits"]
        .as_object()
        .and_then(|l| l.iter().find(|(k, _)| k.ends_with("/gpu")))
    {
        out.gpu_type = key.clone();
        out.gpu_limit = text(value);
    }
    out.command = lines(&c["command"]);
    out.args = lines(&c["args"]);
    for p in c["ports"].as_array().into_iter().flatten() {
        out.ports.push(PortDraft {
            id: new_id(),
            protocol: p["protocol"].as_str().unwrap_or("TCP").to_owned(),
            name: text(&p["name"]),
            port: text(&p["containerPort"]),
        });
    }
    for (slot, kind) in out.probes.iter_mut().zip(ProbeKind::ALL) {
        *slot = read_probe(&c[kind.field()]);
    }
    for e in c["env"].as_array().into_iter().flatten() {
        out.env.push(read_env(e, new_id()));
    }
    for m in c["volumeMounts"].as_array().into_iter().flatten() {
        if runtime::is_time_zone_mount(m) {
            out.sync_time_zone = true;
            continue;
        }
        let volume = volumes.iter().find(|v| v["name"] == m["name"]);
        out.volumes.push(volumes::read_volume(new_id(), m, volume));
    }
    out.security = runtime::read_security(&c["securityContext"]);
    out.post_start = runtime::read_hook(&c["lifecycle"]["postStart"]);
    out.pre_stop = runtime::read_hook(&c["lifecycle"]["preStop"]);
    out
}

fn read_dns(pod: &Value, d: &mut Draft) {
    let config = &pod["dnsConfig"];
    d.dns_mode = match (pod["dnsPolicy"].as_str(), config.is_object()) {
        (Some("None"), _) => "replace",
        (Some("ClusterFirst"), true) => "append",
        _ => return,
    }
    .to_owned();
    d.nameservers = lines(&config["nameservers"]);
    d.searches = lines(&config["searches"]);
    d.dns_options = config["options"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| match o.get("value") {
            Some(v) => format!("{}={}", text(&o["name"]), text(v)),
            None => text(&o["name"]),
        })
        .collect::<Vec<_>>()
        .join("\n");
}

fn read_probe(p: &Value) -> ProbeDraft {
    let mut out = ProbeDraft::default();
    if p.is_null() {
        return out;
    }
    out.enabled = true;
    if let Some(http) = p.get("httpGet") {
        out.check = Check::Http;
        out.path = text(&http["path"]);
        out.port = text(&http["port"]);
        out.scheme = http["scheme"].as_str().unwrap_or("HTTP").to_owned();
    } else if let Some(tcp) = p.get("tcpSocket") {
        out.check = Check::Tcp;
        out.port = text(&tcp["port"]);
    } else if let Some(exec) = p.get("exec") {
        out.check = Check::Exec;
        out.command = lines(&exec["command"]);
    }
    for (slot, parameter) in out.parameters.iter_mut().zip(&PROBE_DEFAULTS) {
        *slot = text(&p[parameter.field]);
    }
    out
}

fn read_env(e: &Value, id: u32) -> EnvDraft {
    let from = &e["valueFrom"];
    let key_ref = |r: &Value| (text(&r["name"]), text(&r["key"]));
    let (source, (ref_name, ref_key)) = match (from["fieldRef"]["fieldPath"].as_str(), from) {
        (Some("status.podIP"), _) => (EnvSource::PodIp, Default::default()),
        (Some("metadata.name"), _) => (EnvSource::PodName, Default::default()),
        (_, f) if f.get("secretKeyRef").is_some() => {
            (EnvSource::Secret, key_ref(&f["secretKeyRef"]))
        }
        (_, f) if f.get("configMapKeyRef").is_some() => {
            (EnvSource::ConfigMap, key_ref(&f["configMapKeyRef"]))
        }
        _ => (EnvSource::Value, Default::default()),
    };
    EnvDraft {
        id,
        name: text(&e["name"]),
        source,
        value: text(&e["value"]),
        ref_name,
        ref_key,
    }
}

#[cfg(test)]
mod tests {
    use super::split_image;

    #[test]
    fn tags_are_split_from_images_but_not_registry_ports() {
        assert_eq!(split_image("nginx:1.27"), ("nginx".into(), "1.27".into()));
        assert_eq!(
            split_image("registry:5000/team/app"),
            ("registry:5000/team/app".into(), String::new())
        );
        assert_eq!(
            split_image("registry:5000/app:v2"),
            ("registry:5000/app".into(), "v2".into())
        );
    }
}
