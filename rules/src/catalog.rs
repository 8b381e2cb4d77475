//! The images the embedded engine knows: where each comes from, its tags, the ports it
//! listens on, its size and how it behaves once started. The wizard's image picker
//! searches it and fills default ports; the simulated node agent pulls and runs from it.
//!
//! Tags are real tags of the real images (a selection, newest first), so manifests
//! copied from the Kubernetes documentation (`nginx:1.14.2`, `busybox:1.28`,
//! `registry.k8s.io/liveness`, `registry.k8s.io/goproxy:0.1`) run as written.

/// Where an image comes from (the three tabs of the image picker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Images the user pushed to their own registry space.
    Mine,
    /// Public open-source images.
    OpenSource,
    /// Images other accounts shared with the user.
    Shared,
}

/// What a container of the image does once started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// A web server: listens on its ports and answers every HTTP GET with 200.
    Web,
    /// A server speaking its own protocol (a database, a cache): accepts TCP
    /// connections on its ports; an HTTP request gets no HTTP answer.
    Tcp,
    /// A shell image: runs the container's command; with none, its shell finds no
    /// terminal and exits 0 at once.
    Shell,
    /// A web server that crashes with a Go panic (exit code 2, as Go's runtime exits)
    /// `after_secs` after it started.
    Crashes {
        /// Seconds from the start to the crash.
        after_secs: u32,
    },
    /// Accepts TCP connections, but its HTTP endpoints never answer (a hung app): HTTP
    /// probes time out, so it never becomes ready behind an HTTP readiness probe.
    NeverReady,
    /// A web server whose answers take `millis`: HTTP probes with a shorter
    /// `timeoutSeconds` fail.
    Slow {
        /// How long each HTTP answer takes.
        millis: u32,
    },
    /// A batch program: works `secs` after its start, then exits with `code` (a Job's
    /// pod, run to completion).
    Batch {
        /// Seconds of work.
        secs: u32,
        /// Its exit code.
        code: i32,
    },
    /// Answers HTTP with 200 for `secs` after its start, then with 500 (the
    /// documentation's `registry.k8s.io/liveness` server).
    HealthyFor {
        /// Seconds of health.
        secs: u32,
    },
}

/// One image of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Image {
    /// The repository name (`nginx`, `team/shop-api`, `registry.k8s.io/liveness`).
    pub name: &'static str,
    /// Where it comes from.
    pub source: Source,
    /// The tags that exist, newest first; `latest` is among them unless the registry
    /// publishes none (registry.k8s.io).
    pub tags: &'static [&'static str],
    /// The TCP ports the image listens on.
    pub ports: &'static [u16],
    /// Compressed size in megabytes: what a pull downloads.
    pub size_mb: u32,
    /// Milliseconds from the container's start until it listens on its ports.
    pub start_ms: u32,
    /// What it does once started.
    pub behaviour: Behaviour,
    /// Environment variables of which the image needs at least one, or it exits with
    /// an error at start (mysql wants a root password setting); empty when none.
    pub needs_env: &'static [&'static str],
}

const fn image(
    name: &'static str,
    source: Source,
    tags: &'static [&'static str],
    ports: &'static [u16],
    size_mb: u32,
    behaviour: Behaviour,
) -> Image {
    Image {
        name,
        source,
        tags,
        ports,
        size_mb,
        start_ms: 0,
        behaviour,
        needs_env: &[],
    }
}

const fn starting_in(mut image: Image, start_ms: u32) -> Image {
    image.start_ms = start_ms;
    image
}

const fn needing(mut image: Image, needs_env: &'static [&'static str]) -> Image {
    image.needs_env = needs_env;
    image
}

use Behaviour::{Batch, Crashes, HealthyFor, NeverReady, Shell, Slow, Tcp, Web};
use Source::{Mine, OpenSource, Shared};

/// Real tags of the real images, newest first (a selection: the current lines and the
/// ones the Kubernetes documentation uses).
#[rustfmt::skip]
mod tags {
    pub const NGINX: &[&str] = &[
        "latest", "mainline", "stable", "alpine", "1.29", "1.29.1", "1.29.0", "1.28", "1.28.0",
        "1.27", "1.27.5", "1.27.4", "1.27.3", "1.27.2", "1.27.1", "1.27.0", "1.27-alpine",
        "1.26", "1.26.3", "1.26.2", "1.26.1", "1.26.0", "1.25", "1.25.5", "1.25.4", "1.25.3",
        "1.24", "1.24.0", "1.23", "1.23.4", "1.22", "1.21", "1.20", "1.19", "1.18", "1.17",
        "1.16", "1.16.1", "1.16.0", "1.15", "1.14", "1.14.2", "1.7.9",
    ];
    pub const HTTPD: &[&str] = &[
        "latest", "alpine", "2", "2.4", "2.4.65", "2.4.64", "2.4.63", "2.4.62", "2.4-alpine",
        "2.2", "2.2.34",
    ];
    pub const TOMCAT: &[&str] = &[
        "latest", "11", "11.0", "11.0-jdk21", "10", "10.1", "10.1-jdk17", "9", "9.0",
        "9.0-jdk17", "8.5", "8.0",
    ];
    pub const REDIS: &[&str] = &[
        "latest", "alpine", "8", "8.2", "8.0", "7", "7.4", "7.4.5", "7.2", "7.2.10", "7-alpine",
        "7.0", "6", "6.2", "6.2.19", "6.0", "6.0.5", "5", "5.0", "5.0.4",
    ];
    pub const MYSQL: &[&str] = &[
        "latest", "lts", "innovation", "9", "9.4", "9.3", "9.1", "9.0", "8", "8.4", "8.4.6",
        "8.0", "8.0.43", "5.7", "5.7.44", "5.6",
    ];
    pub const POSTGRES: &[&str] = &[
        "latest", "alpine", "18", "17", "17.6", "17-alpine", "16", "16.10", "15", "14", "13",
    ];
    pub const MONGO: &[&str] = &["latest", "8", "8.0", "7", "7.0", "6", "6.0"];
    pub const MEMCACHED: &[&str] = &["latest", "alpine", "1", "1.6", "1.6.39"];
    pub const BUSYBOX: &[&str] = &[
        "latest", "stable", "musl", "glibc", "uclibc", "1", "1.37", "1.37.0", "1.36", "1.36.1",
        "1.35", "1.34", "1.33", "1.32", "1.31", "1.30", "1.29", "1.28", "1.27", "1.27.2", "1.24",
    ];
    pub const ALPINE: &[&str] = &["latest", "edge", "3", "3.22", "3.21", "3.20", "3.19", "3.18"];
    pub const UBUNTU: &[&str] = &[
        "latest", "rolling", "noble", "jammy", "focal", "25.04", "24.04", "22.04", "20.04",
    ];
    pub const DEBIAN: &[&str] = &[
        "latest", "stable", "stable-slim", "trixie", "trixie-slim", "bookworm", "bookworm-slim",
        "bullseye", "13", "12", "12-slim", "11",
    ];
}

const MYSQL_ENV: &[&str] = &[
    "MYSQL_ROOT_PASSWORD",
    "MYSQL_ALLOW_EMPTY_PASSWORD",
    "MYSQL_RANDOM_ROOT_PASSWORD",
];
const POSTGRES_ENV: &[&str] = &["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"];

/// Every image the engine can pull. Sizes are the compressed sizes of the real images
/// (linux/amd64); start times are how long the server takes to listen.
#[rustfmt::skip]
pub const IMAGES: &[Image] = &[
    image("nginx", OpenSource, tags::NGINX, &[80], 72, Web),
    image("httpd", OpenSource, tags::HTTPD, &[80], 58, Web),
    starting_in(image("tomcat", OpenSource, tags::TOMCAT, &[8080], 170, Web), 3_000),
    image("redis", OpenSource, tags::REDIS, &[6379], 45, Tcp),
    needing(starting_in(image("mysql", OpenSource, tags::MYSQL, &[3306], 170, Tcp), 5_000), MYSQL_ENV),
    needing(starting_in(image("postgres", OpenSource, tags::POSTGRES, &[5432], 150, Tcp), 2_000), POSTGRES_ENV),
    starting_in(image("mongo", OpenSource, tags::MONGO, &[27017], 260, Tcp), 2_000),
    image("memcached", OpenSource, tags::MEMCACHED, &[11211], 30, Tcp),
    image("busybox", OpenSource, tags::BUSYBOX, &[], 2, Shell),
    image("alpine", OpenSource, tags::ALPINE, &[], 4, Shell),
    image("ubuntu", OpenSource, tags::UBUNTU, &[], 29, Shell),
    image("debian", OpenSource, tags::DEBIAN, &[], 48, Shell),
    // The Job example of the Kubernetes documentation (`perl -Mbignum=bpi …`).
    image("perl", OpenSource, &["latest", "5", "5.40", "5.38", "5.34.0", "5.34"], &[], 340, Shell),
    // The pod sandbox's image: it sleeps until stopped. Clients' own tests run it as a
    // pod that does nothing (`gcr.io/google_containers/pause`, `registry.k8s.io/pause`).
    image("pause", OpenSource, &["latest", "3.10", "3.9", "3.8"], &[], 1, Tcp),
    // The cluster DNS (kube-system's CoreDNS): DNS on 53, /health on 8080, /ready on 8181.
    image("registry.k8s.io/coredns/coredns", OpenSource, &["v1.11.3", "v1.11.1", "v1.10.1"], &[53, 8080, 8181, 9153], 18, Web),
    // The documentation's probe examples.
    image("registry.k8s.io/liveness", OpenSource, &["latest"], &[8080], 2, HealthyFor { secs: 10 }),
    image("registry.k8s.io/goproxy", OpenSource, &["0.1"], &[8080], 3, Tcp),
    image("team/shop-api", Mine, &["latest", "v2", "v1"], &[8080], 120, Web),
    image("team/shop-web", Mine, &["latest", "v3"], &[3000], 90, Web),
    image("team/nightly-report", Mine, &["latest", "v1"], &[], 35, Batch { secs: 20, code: 0 }),
    image("team/data-import", Mine, &["latest", "v1"], &[], 30, Batch { secs: 8, code: 1 }),
    image("team/crashy", Mine, &["latest", "v1"], &[8080], 40, Crashes { after_secs: 5 }),
    image("team/slow-start", Mine, &["latest", "v1"], &[8080], 60, NeverReady),
    image("platform/metrics-agent", Shared, &["latest", "0.9"], &[9100], 25, Web),
    image("platform/report-api", Shared, &["latest", "1.4"], &[8080], 110, Slow { millis: 2_000 }),
];

/// An image reference taken apart: `registry:5000/team/app:v2@sha256:…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The registry host (`docker.io`, `registry:5000`), when the reference names one.
    pub registry: Option<&'a str>,
    /// The repository path (`library/nginx`, `team/app`).
    pub repository: &'a str,
    /// The tag, when given (a reference without tag nor digest means `latest`).
    pub tag: Option<&'a str>,
    /// The digest, when given (`sha256:…`).
    pub digest: Option<&'a str>,
}

impl Reference<'_> {
    /// The tag pulled: the given one, else `latest` (docker's normalisation).
    pub fn tag_or_latest(&self) -> &str {
        self.tag.unwrap_or("latest")
    }
}

/// Takes an image reference apart as docker's reference grammar does: the first path
/// segment is a registry when it has a `.` or a `:` or is `localhost`; a tag follows the
/// last `:` after the last `/`; a digest follows `@`.
pub fn parse(reference: &str) -> Reference<'_> {
    let (name, digest) = match reference.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (reference, None),
    };
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name[last_slash..].rfind(':') {
        Some(i) => (&name[..last_slash + i], Some(&name[last_slash + i + 1..])),
        None => (name, None),
    };
    let (registry, repository) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    Reference {
        registry,
        repository,
        tag,
        digest,
    }
}

/// The catalog entry of an image reference (`nginx`, `nginx:1.27`,
/// `docker.io/library/nginx:1.27`, `swr.example.com/team/shop-api:v2`): the image whose
/// name is the whole reference without tag, or else its longest run of last path
/// segments (so any registry's `…/team/shop-api` is `team/shop-api`).
pub fn find(reference: &str) -> Option<&'static Image> {
    let parsed = parse(reference);
    let full = match parsed.registry {
        Some(registry) => &reference[..registry.len() + 1 + parsed.repository.len()],
        None => parsed.repository,
    };
    let by_name = |name: &str| IMAGES.iter().find(|i| i.name == name);
    by_name(full).or_else(|| {
        let mut path = parsed.repository;
        loop {
            if let Some(image) = by_name(path) {
                return Some(image);
            }
            path = path.split_once('/')?.1;
        }
    })
}

impl Image {
    /// Whether its web server answers `path` (a query left out) with a page: nginx and
    /// httpd serve their default document root and answer 404 for any other path;
    /// the other web images answer every path.
    pub fn serves(&self, path: &str) -> bool {
        let path = path.split('?').next().unwrap_or(path);
        match self.name {
            "nginx" => matches!(path, "" | "/" | "/index.html" | "/50x.html"),
            "httpd" => matches!(path, "" | "/" | "/index.html"),
            _ => true,
        }
    }

    /// The image has this tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(&tag)
    }
}

/// A container name made from an image: its last path segment, as a DNS label.
pub fn container_name_for(image: &str) -> String {
    let repository = parse(image).repository;
    let last = repository.rsplit('/').next().unwrap_or(repository);
    let cleaned: String = last
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    cleaned.trim_matches('-').chars().take(63).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_images_by_any_spelling() {
        assert_eq!(find("nginx:1.27").map(|i| i.ports), Some(&[80][..]));
        assert_eq!(
            find("docker.io/library/redis").map(|i| i.name),
            Some("redis")
        );
        assert_eq!(
            find("swr.example.com:5000/team/shop-api:v2").map(|i| i.name),
            Some("team/shop-api")
        );
        assert_eq!(
            find("registry.k8s.io/liveness").map(|i| i.name),
            Some("registry.k8s.io/liveness")
        );
        assert_eq!(
            find("registry.k8s.io/busybox").map(|i| i.name),
            Some("busybox")
        );
        assert!(find("nosuch").is_none());
        assert!(find("registry:5000/team/app:v2").is_none());
    }

    #[test]
    fn references_come_apart_like_dockers() {
        let r = parse("registry:5000/team/app:v2");
        assert_eq!(
            (r.registry, r.repository, r.tag),
            (Some("registry:5000"), "team/app", Some("v2"))
        );
        let r = parse("nginx");
        assert_eq!(
            (r.registry, r.repository, r.tag_or_latest()),
            (None, "nginx", "latest")
        );
        let r = parse("docker.io/library/nginx:1.27@sha256:abc");
        assert_eq!(
            (r.registry, r.repository, r.tag, r.digest),
            (
                Some("docker.io"),
                "library/nginx",
                Some("1.27"),
                Some("sha256:abc")
            )
        );
        assert_eq!(parse("localhost/app").registry, Some("localhost"));
        assert_eq!(parse("team/app").registry, None);
    }

    #[test]
    fn every_image_is_pullable_and_sized() {
        for i in IMAGES {
            assert!(!i.tags.is_empty(), "{} has tags", i.name);
            assert!(
                i.has_tag("latest") || i.name.starts_with("registry.k8s.io/"),
                "{} has latest",
                i.name
            );
            assert!(i.size_mb > 0, "{} has a size", i.name);
        }
        // The tags the Kubernetes documentation's manifests use.
        for (image, tag) in [
            ("nginx", "1.14.2"),
            ("nginx", "1.16.1"),
            ("busybox", "1.28"),
        ] {
            assert!(find(image).is_some_and(|i| i.has_tag(tag)), "{image}:{tag}");
        }
    }

    #[test]
    fn container_names_come_from_the_last_segment() {
        assert_eq!(container_name_for("team/shop-api:v2"), "shop-api");
        assert_eq!(container_name_for("registry:5000/team/app:v2"), "app");
        assert_eq!(container_name_for("My_Image"), "my-image");
        assert_eq!(container_name_for(""), "");
    }
}
