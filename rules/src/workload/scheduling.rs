//! Replica scheduling over member clusters read back from its annotation
//! ([`REPLICA_SCHEDULING`](super::REPLICA_SCHEDULING)), and the split it asks for: one
//! computation, so the console plans the numbers the engine's scheduler places.

use serde_json::Value;

/// How the replicas are spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchedulingMode {
    /// A replica count per cluster.
    Replicas,
    /// The total split in proportion to weights.
    Weights,
}

/// The annotation, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduling {
    /// Counts or weights.
    pub mode: SchedulingMode,
    /// Each member cluster's name and its count or weight, in the order listed.
    pub clusters: Vec<(String, i64)>,
}

impl Scheduling {
    /// Reads the annotation's JSON text; `None` when it does not read (admission checks
    /// it, so that means it was never set through the API).
    pub fn read(text: &str) -> Option<Scheduling> {
        let settings: Value = serde_json::from_str(text).ok()?;
        let (mode, field) = match settings.get("mode")?.as_str()? {
            "Replicas" => (SchedulingMode::Replicas, "replicas"),
            "Weights" => (SchedulingMode::Weights, "weight"),
            _ => return None,
        };
        let clusters = settings
            .get("clusters")?
            .as_array()?
            .iter()
            .map(|cluster| {
                let name = cluster.get("name").and_then(Value::as_str);
                let value = cluster.get(field).and_then(Value::as_i64);
                (name.unwrap_or_default().to_owned(), value.unwrap_or(0))
            })
            .collect();
        Some(Scheduling { mode, clusters })
    }

    /// How many of `replicas` each cluster should run. Counts that add up to
    /// `replicas` come out as written; otherwise (after a scale) counts and weights
    /// alike are shares: see [`weighted_split`].
    pub fn planned(&self, replicas: i64) -> Vec<(String, i64)> {
        weighted_split(&self.clusters, replicas)
    }
}

/// The clusters' shares of `replicas` by `weights`: each its floor share, the remainder
/// one each to the highest weights, ties in the order listed (Karmada's weighted
/// division). Negative weights count as zero.
pub fn weighted_split(weights: &[(String, i64)], replicas: i64) -> Vec<(String, i64)> {
    let total: i64 = weights.iter().map(|(_, w)| (*w).max(0)).sum();
    if total == 0 {
        return weights.iter().map(|(c, _)| (c.clone(), 0)).collect();
    }
    let mut shares: Vec<(String, i64)> = weights
        .iter()
        .map(|(c, w)| (c.clone(), replicas * (*w).max(0) / total))
        .collect();
    let mut left = replicas - shares.iter().map(|(_, n)| n).sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weights[i].1));
    // Each floor loses less than one replica, so one round covers the remainder.
    for i in order {
        if left <= 0 {
            break;
        }
        shares[i].1 += 1;
        left -= 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
        pairs.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect()
    }

    #[test]
    fn weights_split_the_total_with_the_remainder_to_the_heaviest() {
        let scheduling = Scheduling::read(
            r#"{"mode":"Weights","clusters":[{"name":"east","weight":1},{"name":"west","weight":2}]}"#,
        )
        .expect("reads");
        assert_eq!(scheduling.mode, SchedulingMode::Weights);
        assert_eq!(scheduling.planned(4), owned(&[("east", 1), ("west", 3)]));
        assert_eq!(scheduling.planned(3), owned(&[("east", 1), ("west", 2)]));
    }

    #[test]
    fn counts_that_add_up_are_planned_as_written() {
        let scheduling = Scheduling::read(
            r#"{"mode":"Replicas","clusters":[{"name":"east","replicas":3},{"name":"west","replicas":1}]}"#,
        )
        .expect("reads");
        assert_eq!(scheduling.planned(4), owned(&[("east", 3), ("west", 1)]));
        // Scaled to 8 since: the counts become shares.
        assert_eq!(scheduling.planned(8), owned(&[("east", 6), ("west", 2)]));
    }

    #[test]
    fn what_does_not_read_is_none() {
        assert_eq!(Scheduling::read("not json"), None);
        assert_eq!(Scheduling::read(r#"{"mode":"Spread","clusters":[]}"#), None);
    }

    #[test]
    fn no_weight_places_nothing() {
        assert_eq!(
            weighted_split(&owned(&[("east", 0), ("west", -1)]), 5),
            owned(&[("east", 0), ("west", 0)])
        );
    }
}
