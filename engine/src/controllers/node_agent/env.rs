//! A container's environment as the kubelet makes it: `envFrom`, then `env` with
//! `$(VAR)` references, field references, resource references and Secret or ConfigMap
//! keys. A missing Secret, ConfigMap or key that is not `optional` is the error behind
//! CreateContainerConfigError.

use k8s_openapi::api::core::v1::{ConfigMap, Container, EnvVarSource, Pod, Secret};

use crate::store::Store;

/// What the environment is made from.
pub(super) struct Sources<'a> {
    /// The objects (Secrets, ConfigMaps).
    pub store: &'a Store,
    /// The pod.
    pub pod: &'a Pod,
    /// Its IP.
    pub pod_ip: Option<&'a str>,
    /// Its node's IP.
    pub host_ip: Option<&'a str>,
}

/// The environment of `container`, in order, or the message of the first reference
/// that cannot be resolved (upstream's words: `secret "x" not found`, `couldn't find
/// key k in Secret ns/x`).
pub(super) fn resolve(
    sources: &Sources,
    container: &Container,
) -> Result<Vec<(String, String)>, String> {
    let mut env: Vec<(String, String)> = Vec::new();
    // A later definition of a name replaces the earlier one, in its place.
    let set = |env: &mut Vec<(String, String)>, name: String, value: String| match env
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some(slot) => slot.1 = value,
        None => env.push((name, value)),
    };
    for from in container.env_from.iter().flatten() {
        let prefix = from.prefix.as_deref().unwrap_or_default();
        let found = if let Some(r) = &from.config_map_ref {
            entries(sources, Keyed::ConfigMap, &r.name, r.optional)?
        } else if let Some(r) = &from.secret_ref {
            entries(sources, Keyed::Secret, &r.name, r.optional)?
        } else {
            None
        };
        for (key, value) in found.into_iter().flatten() {
            set(&mut env, format!("{prefix}{key}"), value);
        }
    }
    for var in container.env.iter().flatten() {
        let value = match &var.value_from {
            Some(source) => match from_source(sources, container, source)? {
                Some(value) => value,
                // An optional reference to something missing leaves the variable out.
                None => continue,
            },
            None => expand(var.value.as_deref().unwrap_or_default(), &env),
        };
        set(&mut env, var.name.clone(), value);
    }
    Ok(env)
}

fn from_source(
    sources: &Sources,
    container: &Container,
    source: &EnvVarSource,
) -> Result<Option<String>, String> {
    if let Some(field) = &source.field_ref {
        return Ok(Some(field_value(sources, &field.field_path)));
    }
    if let Some(resource) = &source.resource_field_ref {
        return Ok(Some(resource_value(container, &resource.resource)));
    }
    let (kind, name, key, optional) = match (&source.secret_key_ref, &source.config_map_key_ref) {
        (Some(r), _) => (Keyed::Secret, &r.name, &r.key, r.optional),
        (_, Some(r)) => (Keyed::ConfigMap, &r.name, &r.key, r.optional),
        _ => return Ok(Some(String::new())),
    };
    let Some(data) = entries(sources, kind, name, optional)? else {
        return Ok(None);
    };
    match data.into_iter().find(|(k, _)| k == key) {
        Some((_, value)) => Ok(Some(value)),
        None if optional == Some(true) => Ok(None),
        None => Err(format!(
            "couldn't find key {key} in {} {}/{name}",
            kind.name(),
            namespace(sources)
        )),
    }
}

type Entries = Vec<(String, String)>;

/// The two kinds of object an env var may read keys from.
#[derive(Clone, Copy)]
enum Keyed {
    Secret,
    ConfigMap,
}

impl Keyed {
    /// As upstream's messages name it.
    fn name(self) -> &'static str {
        match self {
            Keyed::Secret => "Secret",
            Keyed::ConfigMap => "ConfigMap",
        }
    }
}

fn namespace<'a>(sources: &'a Sources) -> &'a str {
    sources
        .pod
        .metadata
        .namespace
        .as_deref()
        .unwrap_or("default")
}

/// The entries of the Secret or ConfigMap `name` (a Secret's bytes as text); `None`
/// when it is missing but optional.
fn entries(
    sources: &Sources,
    kind: Keyed,
    name: &str,
    optional: Option<bool>,
) -> Result<Option<Entries>, String> {
    let namespace = namespace(sources);
    let found: Option<Entries> = match kind {
        Keyed::Secret => sources.store.get::<Secret>(namespace, name).map(|s| {
            s.data
                .iter()
                .flatten()
                .map(|(k, v)| (k.clone(), String::from_utf8_lossy(&v.0).into_owned()))
                .collect()
        }),
        Keyed::ConfigMap => sources.store.get::<ConfigMap>(namespace, name).map(|m| {
            m.data
                .iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        }),
    };
    match found {
        Some(entries) => Ok(Some(entries)),
        None if optional == Some(true) => Ok(None),
        None => Err(format!(
            "{} \"{name}\" not found",
            kind.name().to_lowercase()
        )),
    }
}

fn field_value(sources: &Sources, path: &str) -> String {
    let pod = sources.pod;
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    let from_map = |map: Option<&std::collections::BTreeMap<String, String>>, prefix: &str| {
        let key = path
            .strip_prefix(prefix)
            .and_then(|k| k.strip_suffix("']"))
            .unwrap_or_default();
        map.and_then(|m| m.get(key)).cloned().unwrap_or_default()
    };
    match path {
        "metadata.name" => meta.name.clone().unwrap_or_default(),
        "metadata.namespace" => meta.namespace.clone().unwrap_or_default(),
        "metadata.uid" => meta.uid.clone().unwrap_or_default(),
        "spec.nodeName" => spec.and_then(|s| s.node_name.clone()).unwrap_or_default(),
        "spec.serviceAccountName" => spec
            .and_then(|s| s.service_account_name.clone())
            .unwrap_or_else(|| "default".to_owned()),
        "status.podIP" | "status.podIPs" => sources.pod_ip.unwrap_or_default().to_owned(),
        "status.hostIP" | "status.hostIPs" => sources.host_ip.unwrap_or_default().to_owned(),
        p if p.starts_with("metadata.labels['") => {
            from_map(meta.labels.as_ref(), "metadata.labels['")
        }
        p if p.starts_with("metadata.annotations['") => {
            from_map(meta.annotations.as_ref(), "metadata.annotations['")
        }
        _ => String::new(),
    }
}

/// A `resourceFieldRef`'s value with the default divisor 1: CPU in whole cores rounded
/// up, memory in bytes; a limit that is not set reads as the node's capacity (8 cores,
/// 32 GiB on the simulated nodes).
fn resource_value(container: &Container, resource: &str) -> String {
    let (kind, name) = resource.split_once('.').unwrap_or(("limits", resource));
    let resources = container.resources.as_ref();
    let set = match kind {
        "requests" => resources.and_then(|r| r.requests.as_ref()),
        _ => resources.and_then(|r| r.limits.as_ref()),
    };
    let value = set
        .and_then(|m| m.get(name))
        .and_then(|q| rules::quantity::parse(&q.0).ok());
    match (name, value) {
        ("cpu", Some(cores)) => (cores.ceil() as i64).max(1).to_string(),
        ("cpu", None) if kind == "requests" => "0".to_owned(),
        ("cpu", None) => "8".to_owned(),
        (_, Some(bytes)) => (bytes as i64).to_string(),
        (_, None) if kind == "requests" => "0".to_owned(),
        (_, None) => (32_i64 << 30).to_string(),
    }
}

/// Kubernetes' `$(VAR)` expansion (`expansion.Expand`): a defined variable's value;
/// `$$` is a literal `$`; anything else stays as written.
pub(super) fn expand(text: &str, env: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some((name, tail)) = after
            .strip_prefix('(')
            .and_then(|inner| inner.split_once(')'))
        {
            match env.iter().rev().find(|(n, _)| n == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push_str("$(");
                    out.push_str(name);
                    out.push(')');
                }
            }
            rest = tail;
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_expand_like_kubernetes() {
        let env = vec![("NAME".to_owned(), "web".to_owned())];
        assert_eq!(expand("hello $(NAME)", &env), "hello web");
        assert_eq!(expand("$$(NAME) $(OTHER)", &env), "$(NAME) $(OTHER)");
        assert_eq!(expand("cost $5", &env), "cost $5");
    }
}
