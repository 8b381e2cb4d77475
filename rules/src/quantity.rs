//! Kubernetes quantities (`500m`, `2`, `1.5Gi`, `1e3`), read as plain numbers so that a
//! request can be compared with its limit.

use crate::Violation;

const SUFFIXES: [(&str, f64); 15] = [
    ("Ki", 1024.0),
    ("Mi", 1_048_576.0),
    ("Gi", 1_073_741_824.0),
    ("Ti", 1_099_511_627_776.0),
    ("Pi", 1_125_899_906_842_624.0),
    ("Ei", 1_152_921_504_606_846_976.0),
    ("n", 1e-9),
    ("u", 1e-6),
    ("m", 1e-3),
    ("k", 1e3),
    ("M", 1e6),
    ("G", 1e9),
    ("T", 1e12),
    ("P", 1e15),
    ("E", 1e18),
];

/// The value of a quantity in base units (cores, bytes, devices).
pub fn parse(text: &str) -> Result<f64, Violation> {
    let text = text.trim();
    let (number, scale) = SUFFIXES
        .iter()
        .find_map(|(suffix, scale)| text.strip_suffix(suffix).map(|n| (n, *scale)))
        .unwrap_or((text, 1.0));
    let plain = |n: &str| {
        let n = n.strip_prefix(['+', '-']).unwrap_or(n);
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit() || c == '.')
            && n.chars().filter(|c| *c == '.').count() <= 1
            && n != "."
    };
    let (mantissa, exponent) = match number.split_once(['e', 'E']) {
        Some((m, e)) if scale == 1.0 => (m, Some(e)),
        _ => (number, None),
    };
    if !plain(mantissa) || exponent.is_some_and(|e| !plain(e) || e.contains('.')) {
        return Err(Violation::Quantity);
    }
    let value: f64 = number.parse().map_err(|_| Violation::Quantity)?;
    if value < 0.0 {
        return Err(Violation::Quantity);
    }
    Ok(value * scale)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_decimal_binary_and_exponent_forms() {
        assert_eq!(parse("500m"), Ok(0.5));
        assert_eq!(parse("2"), Ok(2.0));
        assert_eq!(parse("1Gi"), Ok(1_073_741_824.0));
        assert_eq!(parse("512Mi"), Ok(536_870_912.0));
        assert_eq!(parse("1e3"), Ok(1000.0));
        assert_eq!(parse("1.5k"), Ok(1500.0));
    }

    #[test]
    fn rejects_what_is_not_a_quantity() {
        for bad in ["", "abc", "1.2.3", "Gi", "-1", "1 Gi", "1gi", "1e", "."] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
