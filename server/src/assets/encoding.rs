//! Which form of a file a browser gets, from its `Accept-Encoding`.

use axum::http::{header, HeaderMap};

/// A content coding Berth serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `br`: the smallest.
    Brotli,
    /// `gzip`: what every client takes.
    Gzip,
    /// The bytes as they are.
    Identity,
}

impl Encoding {
    /// The best coding the request accepts (`q=0` refuses one) among those `ready`.
    pub fn choose(request: &HeaderMap, ready: impl Fn(Encoding) -> bool) -> Self {
        let accepted: Vec<&str> = request
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|item| {
                let mut parts = item.split(';').map(str::trim);
                let name = parts.next()?;
                let refused = parts.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                (!refused).then_some(name)
            })
            .collect();
        let takes = |name: &str| {
            accepted
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name) || *a == "*")
        };
        [Self::Brotli, Self::Gzip]
            .into_iter()
            .find(|&e| e.header().is_some_and(takes) && ready(e))
            .unwrap_or(Self::Identity)
    }

    /// Its `Content-Encoding`, none for the plain bytes.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Self::Brotli => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Identity => None,
        }
    }

    /// Told apart in the ETag: each form is its own representation.
    pub fn etag_suffix(self) -> &'static str {
        match self {
            Self::Brotli => "-br",
            Self::Gzip => "-gz",
            Self::Identity => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn choose(accept: &str, ready: &[Encoding]) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        Encoding::choose(&headers, |e| ready.contains(&e))
    }

    #[test]
    fn brotli_first_then_gzip_then_the_plain_bytes() {
        let both = [Encoding::Brotli, Encoding::Gzip];
        assert_eq!(choose("gzip, deflate, br, zstd", &both), Encoding::Brotli);
        assert_eq!(choose("gzip", &both), Encoding::Gzip);
        assert_eq!(choose("br;q=0, gzip;q=0.5", &both), Encoding::Gzip);
        assert_eq!(choose("identity", &both), Encoding::Identity);
        assert_eq!(choose("br", &[Encoding::Gzip]), Encoding::Identity);
        assert_eq!(choose("*", &both), Encoding::Brotli);
    }
}
