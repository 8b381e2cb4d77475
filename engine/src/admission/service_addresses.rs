//! A Service's allocated cluster IPs across updates, as upstream's service registry
//! treats them: a replace that leaves them out keeps them (`patchAllocatedValues`), and
//! one that names others is refused (`validateUpgradeDowngradeClusterIPs`).

use k8s_openapi::api::core::v1::ServiceSpec;

use crate::FieldError;

/// Upstream's `needsClusterIP`: every type but ExternalName has cluster IPs.
pub(crate) fn needs_cluster_ip(spec: &ServiceSpec) -> bool {
    spec.type_.as_deref() != Some("ExternalName")
}

/// The cluster IPs a spec names: `clusterIPs`, else `clusterIP` alone (upstream
/// normalizes the one into the other before it validates).
fn cluster_ips(spec: &ServiceSpec) -> Vec<&str> {
    match spec.cluster_ips.as_deref() {
        Some(ips) if !ips.is_empty() => ips.iter().map(String::as_str).collect(),
        _ => spec
            .cluster_ip
            .as_deref()
            .filter(|ip| !ip.is_empty())
            .into_iter()
            .collect(),
    }
}

/// Fills the cluster IPs an update left out from the stored Service's, so that
/// `kubectl replace` of a manifest without them keeps the Service's address.
pub(crate) fn keep_allocated(new: &mut ServiceSpec, old: &ServiceSpec) {
    if !(needs_cluster_ip(old) && needs_cluster_ip(new)) {
        return;
    }
    if new.cluster_ip.as_deref().unwrap_or_default().is_empty() {
        new.cluster_ip.clone_from(&old.cluster_ip);
    }
    if new.cluster_ips.as_ref().is_none_or(Vec::is_empty) {
        new.cluster_ips.clone_from(&old.cluster_ips);
    }
}

/// The update's errors if it moves an allocated cluster IP: each IP both sides name
/// stays, unless either side is an ExternalName or both are headless.
pub(crate) fn unchanged(new: &ServiceSpec, old: &ServiceSpec) -> Vec<FieldError> {
    if !(needs_cluster_ip(old) && needs_cluster_ip(new)) {
        return Vec::new();
    }
    let (before, after) = (cluster_ips(old), cluster_ips(new));
    let headless = |ips: &[&str]| ips.first() == Some(&"None");
    if headless(&before) && headless(&after) {
        return Vec::new();
    }
    let shown: Vec<String> = after.iter().map(|ip| format!("{ip:?}")).collect();
    before
        .iter()
        .zip(&after)
        .enumerate()
        .filter(|(_, (was, is))| was != is)
        .map(|(i, _)| FieldError {
            field: format!("spec.clusterIPs[{i}]"),
            message: format!(
                "Invalid value: []string{{{}}}: may not change once set",
                shown.join(", ")
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(ip: Option<&str>) -> ServiceSpec {
        ServiceSpec {
            cluster_ip: ip.map(str::to_owned),
            cluster_ips: ip.map(|ip| vec![ip.to_owned()]),
            ..Default::default()
        }
    }

    #[test]
    fn an_update_without_cluster_ips_keeps_the_stored_ones() {
        let mut new = spec(None);
        keep_allocated(&mut new, &spec(Some("10.96.0.10")));
        assert_eq!(new, spec(Some("10.96.0.10")));
        assert!(unchanged(&new, &spec(Some("10.96.0.10"))).is_empty());
    }

    #[test]
    fn a_moved_cluster_ip_is_refused_in_upstreams_words() {
        let errors = unchanged(&spec(Some("10.96.0.99")), &spec(Some("10.96.0.10")));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "spec.clusterIPs[0]");
        assert_eq!(
            errors[0].message,
            r#"Invalid value: []string{"10.96.0.99"}: may not change once set"#
        );
    }

    #[test]
    fn external_names_and_headless_services_are_left_alone() {
        let mut external = spec(None);
        external.type_ = Some("ExternalName".to_owned());
        keep_allocated(&mut external, &spec(Some("10.96.0.10")));
        assert_eq!(external.cluster_ip, None);
        assert!(unchanged(&external, &spec(Some("10.96.0.10"))).is_empty());
        assert!(unchanged(&spec(Some("None")), &spec(Some("None"))).is_empty());
        assert_eq!(
            unchanged(&spec(Some("None")), &spec(Some("10.96.0.10"))).len(),
            1
        );
    }
}
