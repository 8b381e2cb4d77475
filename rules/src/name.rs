//! Object names: the workload name rule of SPEC §1.1 is a DNS-1123 subdomain capped at
//! 63 characters; Kubernetes' own subdomain (253) and label (63, no dots) rules beside it.

use thiserror::Error;

/// The longest workload name the console accepts.
pub const MAX_WORKLOAD_NAME: usize = 63;
/// The longest DNS-1123 subdomain (most object names).
pub const MAX_SUBDOMAIN: usize = 253;

/// Why a name is not a valid workload name; the text is the message shown at the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameError {
    /// The name is empty.
    #[error("must not be empty")]
    Empty,
    /// The name is longer than the rule allows.
    #[error("must be no more than {0} characters")]
    TooLong(usize),
    /// A character other than `a-z`, `0-9`, `-` and `.`.
    #[error("must consist of lower case letters, digits, '-' and '.'")]
    InvalidCharacter,
    /// The first or last character is `-` or `.`.
    #[error("must start and end with a lower case letter or digit")]
    BadEdge,
    /// Two dots in a row.
    #[error("must not contain '..'")]
    DoubleDot,
    /// A dot next to a dash (`.-` or `-.`).
    #[error("must not contain '.' next to '-'")]
    DotNextToDash,
    /// A dot in a DNS label (namespace and container names).
    #[error("must not contain '.'")]
    Dot,
    /// A DNS-1035 label (a Service's name) that starts with a digit.
    #[error("must start with a lower case letter")]
    LetterFirst,
    /// A path segment name that is `.` or `..`, or holds `/` or `%` (RBAC names).
    #[error("may not be '.' or '..' and may not contain '/' or '%'")]
    NotPathSegment,
}

/// Checks a workload name: 1–63 characters of `a-z0-9-.`, starting and ending with a
/// letter or digit, with no `..` and no `.` next to `-`.
pub fn workload_name(name: &str) -> Result<(), NameError> {
    subdomain_of_at_most(name, MAX_WORKLOAD_NAME)
}

/// Checks a name that only has to be one URL path segment (upstream's
/// `ValidatePathSegmentName`): the names of RBAC objects (`system:aggregate-to-view`).
pub fn path_segment_name(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name == "." || name == ".." || name.contains('/') || name.contains('%') {
        return Err(NameError::NotPathSegment);
    }
    Ok(())
}

/// Checks a DNS-1123 subdomain of up to 253 characters: the name of most objects.
pub fn dns_subdomain(name: &str) -> Result<(), NameError> {
    subdomain_of_at_most(name, MAX_SUBDOMAIN)
}

/// Checks a DNS-1123 label: up to 63 of `a-z0-9-`, alphanumeric at both ends
/// (namespace and container names).
pub fn dns_label(name: &str) -> Result<(), NameError> {
    if name.contains('.') {
        return Err(NameError::Dot);
    }
    subdomain_of_at_most(name, MAX_WORKLOAD_NAME)
}

/// Checks a DNS-1035 label: a DNS-1123 label that starts with a letter (upstream's
/// `ValidateServiceName`: a Service's name is a DNS host name, `2048-game` is not).
pub fn dns_1035_label(name: &str) -> Result<(), NameError> {
    dns_label(name)?;
    match name.chars().next() {
        Some(c) if c.is_ascii_lowercase() => Ok(()),
        _ => Err(NameError::LetterFirst),
    }
}

fn subdomain_of_at_most(name: &str, max: usize) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.len() > max {
        return Err(NameError::TooLong(max));
    }
    let bytes = name.as_bytes();
    if !bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'.')
    {
        return Err(NameError::InvalidCharacter);
    }
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return Err(NameError::BadEdge);
    }
    for pair in bytes.windows(2) {
        match pair {
            [b'.', b'.'] => return Err(NameError::DoubleDot),
            [b'.', b'-'] | [b'-', b'.'] => return Err(NameError::DotNextToDash),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_names() {
        for name in [
            "a",
            "0",
            "nginx-demo",
            "web.v2",
            "a-b-c.d-e",
            &"a".repeat(63),
        ] {
            assert_eq!(workload_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn rejects_each_broken_rule() {
        let cases = [
            ("", NameError::Empty),
            (&"a".repeat(64) as &str, NameError::TooLong(63)),
            ("Nginx", NameError::InvalidCharacter),
            ("web_app", NameError::InvalidCharacter),
            ("web app", NameError::InvalidCharacter),
            ("-web", NameError::BadEdge),
            ("web-", NameError::BadEdge),
            (".web", NameError::BadEdge),
            ("web.", NameError::BadEdge),
            ("a..b", NameError::DoubleDot),
            ("a.-b", NameError::DotNextToDash),
            ("a-.b", NameError::DotNextToDash),
        ];
        for (name, want) in cases {
            assert_eq!(workload_name(name), Err(want), "{name:?}");
        }
    }

    #[test]
    fn subdomain_allows_253_and_label_forbids_dots() {
        assert_eq!(dns_subdomain(&"a".repeat(253)), Ok(()));
        assert_eq!(
            dns_subdomain(&"a".repeat(254)),
            Err(NameError::TooLong(253))
        );
        assert_eq!(dns_label("kube-system"), Ok(()));
        assert_eq!(dns_label("a.b"), Err(NameError::Dot));
    }
}
