//! The images the embedded engine knows: where each comes from, its tags and the ports
//! it listens on. The wizard's image picker searches it and fills default ports.

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

/// One image of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Image {
    /// The repository name (`nginx`, `team/shop-api`).
    pub name: &'static str,
    /// Where it comes from.
    pub source: Source,
    /// The tags that exist, newest first; `latest` is always among them.
    pub tags: &'static [&'static str],
    /// The TCP ports the image listens on.
    pub ports: &'static [u16],
}

/// Every image the engine can pull.
pub const IMAGES: [Image; 10] = [
    Image {
        name: "nginx",
        source: Source::OpenSource,
        tags: &["latest", "1.27", "1.26", "1.25"],
        ports: &[80],
    },
    Image {
        name: "httpd",
        source: Source::OpenSource,
        tags: &["latest", "2.4"],
        ports: &[80],
    },
    Image {
        name: "redis",
        source: Source::OpenSource,
        tags: &["latest", "7.4", "7.2"],
        ports: &[6379],
    },
    Image {
        name: "mysql",
        source: Source::OpenSource,
        tags: &["latest", "8.4", "8.0"],
        ports: &[3306],
    },
    Image {
        name: "postgres",
        source: Source::OpenSource,
        tags: &["latest", "17", "16"],
        ports: &[5432],
    },
    Image {
        name: "tomcat",
        source: Source::OpenSource,
        tags: &["latest", "10.1", "9.0"],
        ports: &[8080],
    },
    Image {
        name: "busybox",
        source: Source::OpenSource,
        tags: &["latest", "1.36"],
        ports: &[],
    },
    Image {
        name: "team/shop-api",
        source: Source::Mine,
        tags: &["latest", "v2", "v1"],
        ports: &[8080],
    },
    Image {
        name: "team/shop-web",
        source: Source::Mine,
        tags: &["latest", "v3"],
        ports: &[3000],
    },
    Image {
        name: "platform/metrics-agent",
        source: Source::Shared,
        tags: &["latest", "0.9"],
        ports: &[9100],
    },
];

/// The catalog entry of `name` (`nginx`, `nginx:1.27` or `docker.io/library/nginx`).
pub fn find(name: &str) -> Option<&'static Image> {
    let repository = name.split(['@', ':']).next().unwrap_or(name);
    let repository = repository
        .strip_prefix("docker.io/")
        .map(|r| r.strip_prefix("library/").unwrap_or(r))
        .unwrap_or(repository);
    IMAGES.iter().find(|i| i.name == repository)
}

/// A container name made from an image: its last path segment, as a DNS label.
pub fn container_name_for(image: &str) -> String {
    let repository = image.split(['@', ':']).next().unwrap_or(image);
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
        assert!(find("nosuch").is_none());
        assert!(IMAGES.iter().all(|i| i.tags.contains(&"latest")));
    }

    #[test]
    fn container_names_come_from_the_last_segment() {
        assert_eq!(container_name_for("team/shop-api:v2"), "shop-api");
        assert_eq!(container_name_for("My_Image"), "my-image");
        assert_eq!(container_name_for(""), "");
    }
}
