//! Random parts of names and uids, from a seeded generator so tests repeat exactly.

/// The alphabet upstream uses for generated suffixes: no vowels, no look-alikes
/// (`k8s.io/apimachinery/pkg/util/rand`).
const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// Generates name suffixes and uids.
pub struct Names {
    rng: fastrand::Rng,
}

impl Names {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Names {
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// A `generateName` completed with five random characters; the prefix is cut so the
    /// name stays within 63 characters, as upstream's `SimpleNameGenerator` does.
    pub fn generated(&mut self, prefix: &str) -> String {
        const MAX_PREFIX: usize = 63 - 5;
        let prefix = &prefix[..prefix.len().min(MAX_PREFIX)];
        let mut name = String::with_capacity(prefix.len() + 5);
        name.push_str(prefix);
        for _ in 0..5 {
            name.push(ALPHANUMS[self.rng.usize(..ALPHANUMS.len())] as char);
        }
        name
    }

    /// A random (version 4 shaped) uid.
    pub fn uid(&mut self) -> String {
        let v = self.rng.u128(..);
        let hex = v.to_be_bytes();
        let nibble = |i: usize| {
            let byte = hex[i / 2];
            let n = if i.is_multiple_of(2) {
                byte >> 4
            } else {
                byte & 0xf
            };
            char::from(b"0123456789abcdef"[usize::from(n)])
        };
        // 8-4-4-4-12 hex digits, version 4 and the `a` variant, as before: one
        // allocation instead of three formats (an event or pod costs one each).
        let mut uid = String::with_capacity(36);
        for i in 0..32 {
            if matches!(i, 8 | 12 | 16 | 20) {
                uid.push('-');
            }
            uid.push(match i {
                12 => '4',
                16 => 'a',
                _ => nibble(i),
            });
        }
        uid
    }
}

/// Encodes a hash the way upstream's `rand.SafeEncodeString` does for
/// `pod-template-hash`: each decimal digit mapped into [`ALPHANUMS`].
pub fn safe_encode(hash: u32) -> String {
    hash.to_string()
        .bytes()
        .map(|b| ALPHANUMS[usize::from(b) % ALPHANUMS.len()] as char)
        .collect()
}

/// The hash of a pod template that names its revision: upstream's `ComputeHash`
/// (FNV-32a of the template, encoded with [`safe_encode`]), the `pod-template-hash` of a
/// Deployment's ReplicaSets and the `controller-revision-hash` of StatefulSets and
/// DaemonSets.
pub fn template_hash(template: &k8s_openapi::api::core::v1::PodTemplateSpec) -> String {
    let bytes = serde_json::to_vec(template).unwrap_or_default();
    safe_encode(fnv32a(&bytes))
}

/// The 32-bit FNV-1a hash upstream uses for template hashes.
pub fn fnv32a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_keep_the_prefix_and_fit_63() {
        let mut names = Names::new(1);
        let n = names.generated("web-");
        assert!(n.starts_with("web-") && n.len() == 9, "{n}");
        assert_eq!(names.generated(&"x".repeat(80)).len(), 63);
    }

    #[test]
    fn same_seed_same_names() {
        assert_eq!(Names::new(7).uid(), Names::new(7).uid());
        assert_ne!(Names::new(7).uid(), Names::new(8).uid());
    }

    #[test]
    fn uids_are_version_4_uuids_of_the_random_bits() {
        let mut names = Names::new(3);
        let uid = names.uid();
        let v = Names::new(3).rng.u128(..);
        let hex = format!("{v:032x}");
        let expected = format!(
            "{}-{}-4{}-a{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[17..20],
            &hex[20..32]
        );
        assert_eq!(uid, expected);
    }

    #[test]
    fn fnv_matches_reference_values() {
        assert_eq!(fnv32a(b""), 0x811c9dc5);
        assert_eq!(fnv32a(b"a"), 0xe40c292c);
    }
}
