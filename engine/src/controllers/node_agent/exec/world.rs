//! What a person finds inside a simulated container: the files the kubelet writes
//! (`/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`), the ConfigMap and Secret volumes
//! at their mount paths, the files the container's own command made, its processes,
//! and the Services cluster DNS answers for.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{ConfigMap, Container, Pod, PodSpec, Secret};
use k8s_openapi::jiff::Timestamp;
use rules::catalog::Image;

use super::network::{self, DOMAIN};
use crate::store::Store;

/// The cluster DNS Service's address, as kubeadm gives it (`10.96.0.10`).
pub(super) const CLUSTER_DNS: &str = "10.96.0.10";

/// One process in `ps`.
#[derive(Debug, Clone)]
pub(super) struct Process {
    pub pid: u32,
    pub user: String,
    pub command: String,
}

/// The container as a person inside it sees it.
#[derive(Debug, Clone)]
pub(super) struct World {
    /// The pod's hostname.
    pub hostname: String,
    /// Every file, by absolute path, with its content.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Every directory, by absolute path (`/` included).
    pub dirs: BTreeSet<String>,
    /// The processes, PID 1 first.
    pub processes: Vec<Process>,
    /// Names cluster DNS answers (fully qualified) and their addresses.
    pub names: BTreeMap<String, String>,
    /// What answers at each pod and Service address: the image of the pod there (for
    /// a Service, of its first ready endpoint); `None` for a Service with none.
    pub servers: BTreeMap<String, Option<&'static Image>>,
    /// The container's own image, which answers on `localhost`.
    pub image: Option<&'static Image>,
    /// The search domains of `/etc/resolv.conf`.
    pub search: Vec<String>,
    /// The user the container runs as.
    pub uid: i64,
    /// Now, for `date`.
    pub now: Timestamp,
    /// The node's architecture, as `uname -m` prints it.
    pub machine: &'static str,
    /// Its tools are busybox's (busybox and alpine images), whose messages differ
    /// from Debian's coreutils and dash.
    pub busybox: bool,
}

/// What the world is made from.
pub(super) struct Sources<'a> {
    pub store: &'a Store,
    pub pod: &'a Pod,
    pub container: &'a Container,
    pub pod_ip: Option<&'a str>,
    /// Files the container's command created (`true`) or removed, by now.
    pub made: Vec<(String, bool)>,
    /// What earlier exec sessions and hooks wrote in this run.
    pub layer: &'a super::layer::Layer,
    pub now: Timestamp,
}

impl World {
    /// The container's world from what the node knows of it.
    pub(super) fn new(s: &Sources) -> Self {
        let spec = s.pod.spec.clone().unwrap_or_default();
        let namespace = s.pod.metadata.namespace.as_deref().unwrap_or("default");
        let name = s.pod.metadata.name.as_deref().unwrap_or_default();
        let hostname = spec.hostname.clone().unwrap_or_else(|| name.to_owned());
        let mut world = World {
            hostname: hostname.clone(),
            files: BTreeMap::new(),
            dirs: BTreeSet::new(),
            processes: Vec::new(),
            names: network::service_names(s.store),
            servers: network::servers(s.store),
            image: rules::catalog::find(s.container.image.as_deref().unwrap_or_default()),
            search: Vec::new(),
            uid: run_as(&spec, s.container),
            now: s.now,
            machine: "x86_64",
            busybox: is_busybox(s.container.image.as_deref().unwrap_or_default()),
        };
        for dir in [
            "/bin",
            "/dev",
            "/etc",
            "/home",
            "/proc",
            "/root",
            "/run",
            "/sbin",
            "/sys",
            "/tmp",
            "/usr",
            "/usr/bin",
            "/usr/local",
            "/usr/local/bin",
            "/usr/share",
            "/var",
            "/var/log",
        ] {
            world.mkdir(dir);
        }
        world.write("/etc/hostname", format!("{hostname}\n"));
        world.write("/etc/hosts", hosts(&spec, &hostname, namespace, s.pod_ip));
        let resolv = resolv_conf(&spec, namespace);
        world.search = resolv
            .lines()
            .find_map(|l| l.strip_prefix("search "))
            .map(|l| l.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        world.write("/etc/resolv.conf", resolv);
        world.write(
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
                .to_owned(),
        );
        world.image_files(s.container.image.as_deref().unwrap_or_default());
        world.volumes(s.store, namespace, &spec, s.container);
        for (path, present) in &s.made {
            if *present {
                world.write(path, String::new());
            } else {
                world.files.remove(path);
            }
        }
        s.layer.apply(&mut world);
        world.processes.push(Process {
            pid: 1,
            user: user_name(world.uid),
            command: main_command(s.container),
        });
        world
    }

    /// Creates `path` and its parents.
    pub(super) fn mkdir(&mut self, path: &str) {
        let mut at = String::new();
        self.dirs.insert("/".to_owned());
        for part in path.split('/').filter(|p| !p.is_empty()) {
            at.push('/');
            at.push_str(part);
            self.dirs.insert(at.clone());
        }
    }

    /// Writes `content` to `path`, making its folder.
    pub(super) fn write(&mut self, path: &str, content: impl Into<Vec<u8>>) {
        if let Some((parent, _)) = path.rsplit_once('/') {
            self.mkdir(parent);
        }
        self.files.insert(path.to_owned(), content.into());
    }

    /// What the image itself holds that people look at first.
    fn image_files(&mut self, image: &str) {
        let repository = image.rsplit('/').next().unwrap_or(image);
        let repository = repository.split([':', '@']).next().unwrap_or(repository);
        if repository == "nginx" {
            self.write("/usr/share/nginx/html/index.html", NGINX_INDEX);
            self.write(
                "/usr/share/nginx/html/50x.html",
                "<h1>An error occurred.</h1>\n",
            );
            self.write(
                "/etc/nginx/nginx.conf",
                "user  nginx;\nworker_processes  auto;\n",
            );
        }
    }

    /// ConfigMap and Secret volumes as files under their mount paths (one key at a
    /// `subPath`), emptyDir volumes as folders.
    fn volumes(&mut self, store: &Store, namespace: &str, spec: &PodSpec, container: &Container) {
        for mount in container.volume_mounts.iter().flatten() {
            let Some(volume) = spec.volumes.iter().flatten().find(|v| v.name == mount.name) else {
                continue;
            };
            let entries: Vec<(String, Vec<u8>)> = if let Some(source) = &volume.config_map {
                store
                    .get::<ConfigMap>(namespace, &source.name)
                    .map(|c| {
                        let text = c
                            .data
                            .iter()
                            .flatten()
                            .map(|(k, v)| (k.clone(), v.clone().into_bytes()));
                        let binary = c
                            .binary_data
                            .iter()
                            .flatten()
                            .map(|(k, v)| (k.clone(), v.0.clone()));
                        text.chain(binary).collect()
                    })
                    .unwrap_or_default()
            } else if let Some(source) = &volume.secret {
                let name = source.secret_name.as_deref().unwrap_or_default();
                store
                    .get::<Secret>(namespace, name)
                    .map(|s| {
                        s.data
                            .iter()
                            .flatten()
                            .map(|(k, v)| (k.clone(), v.0.clone()))
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let base = mount.mount_path.trim_end_matches('/');
            match mount.sub_path.as_deref().filter(|p| !p.is_empty()) {
                Some(key) => {
                    if let Some((_, value)) = entries.into_iter().find(|(k, _)| k == key) {
                        self.write(base, value);
                    }
                }
                None => {
                    self.mkdir(base);
                    for (key, value) in entries {
                        self.write(&format!("{base}/{key}"), value);
                    }
                }
            }
        }
    }

    /// The addresses `name` resolves to, tried as written and under each search domain
    /// (a name with four dots or more is tried as written first, as `ndots:5` says).
    pub(super) fn resolve(&self, name: &str) -> Option<(String, String)> {
        let name = name.trim_end_matches('.');
        let candidates = std::iter::once(name.to_owned())
            .chain(self.search.iter().map(|d| format!("{name}.{d}")));
        for candidate in candidates {
            if let Some(ip) = self.names.get(&candidate) {
                return Some((candidate, ip.clone()));
            }
        }
        (name == "localhost").then(|| ("localhost".to_owned(), "127.0.0.1".to_owned()))
    }
}

/// Whether `image` is busybox or alpine, whose shell and tools are busybox's.
fn is_busybox(image: &str) -> bool {
    let repository = image.rsplit('/').next().unwrap_or(image);
    let repository = repository.split([':', '@']).next().unwrap_or(repository);
    matches!(repository, "busybox" | "alpine")
}

/// The kubelet's `/etc/hosts` (its `managedHostsFileContent`).
fn hosts(spec: &PodSpec, hostname: &str, namespace: &str, pod_ip: Option<&str>) -> String {
    let mut out = String::from(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n",
    );
    if let Some(ip) = pod_ip {
        match &spec.subdomain {
            Some(sub) => {
                out += &format!("{ip}\t{hostname}.{sub}.{namespace}.svc.{DOMAIN}\t{hostname}\n")
            }
            None => out += &format!("{ip}\t{hostname}\n"),
        }
    }
    for alias in spec.host_aliases.iter().flatten() {
        let names = alias
            .hostnames
            .iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>();
        out += &format!(
            "\n# Entries added by HostAliases.\n{}\t{}\n",
            alias.ip,
            names.join("\t")
        );
    }
    out
}

/// The kubelet's `/etc/resolv.conf` for the pod's `dnsPolicy` and `dnsConfig`.
fn resolv_conf(spec: &PodSpec, namespace: &str) -> String {
    let policy = spec.dns_policy.as_deref().unwrap_or("ClusterFirst");
    let (mut servers, mut search, mut options) = match policy {
        "None" => (Vec::new(), Vec::new(), Vec::new()),
        // The node's own resolver.
        "Default" => (vec!["10.0.0.2".to_owned()], Vec::new(), Vec::new()),
        _ => (
            vec![CLUSTER_DNS.to_owned()],
            vec![
                format!("{namespace}.svc.{DOMAIN}"),
                format!("svc.{DOMAIN}"),
                DOMAIN.to_owned(),
            ],
            vec!["ndots:5".to_owned()],
        ),
    };
    if let Some(config) = &spec.dns_config {
        servers.extend(config.nameservers.iter().flatten().cloned());
        search.extend(config.searches.iter().flatten().cloned());
        for option in config.options.iter().flatten() {
            let name = option.name.clone().unwrap_or_default();
            options.retain(|o: &String| o.split(':').next() != Some(name.as_str()));
            options.push(match &option.value {
                Some(value) => format!("{name}:{value}"),
                None => name,
            });
        }
    }
    let mut out = String::new();
    if !search.is_empty() {
        out += &format!("search {}\n", search.join(" "));
    }
    for server in servers {
        out += &format!("nameserver {server}\n");
    }
    if !options.is_empty() {
        out += &format!("options {}\n", options.join(" "));
    }
    out
}

/// The user the container runs as: its `runAsUser`, else the pod's, else root.
fn run_as(spec: &PodSpec, container: &Container) -> i64 {
    container
        .security_context
        .as_ref()
        .and_then(|c| c.run_as_user)
        .or_else(|| spec.security_context.as_ref().and_then(|c| c.run_as_user))
        .unwrap_or(0)
}

/// The name `ps` and `id` show for `uid`.
pub(super) fn user_name(uid: i64) -> String {
    match uid {
        0 => "root".to_owned(),
        65534 => "nobody".to_owned(),
        other => other.to_string(),
    }
}

/// The container's command and args, as written (empty: the image's own).
pub(super) fn argv(container: &Container) -> Vec<String> {
    container
        .command
        .iter()
        .flatten()
        .chain(container.args.iter().flatten())
        .cloned()
        .collect()
}

/// PID 1: the command and args, or the image's entrypoint.
fn main_command(container: &Container) -> String {
    let words = argv(container);
    if !words.is_empty() {
        return words.join(" ");
    }
    let image = container.image.as_deref().unwrap_or_default();
    let repository = image.rsplit('/').next().unwrap_or(image);
    match repository.split([':', '@']).next().unwrap_or(repository) {
        "nginx" => "nginx: master process nginx -g daemon off;".to_owned(),
        "redis" => "redis-server *:6379".to_owned(),
        "busybox" | "alpine" => "sh".to_owned(),
        other => other.to_owned(),
    }
}

/// nginx's welcome page.
pub(super) const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n";
