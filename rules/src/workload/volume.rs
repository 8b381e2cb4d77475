//! The pod's volumes: unique names, and each source complete — a scratch directory, an
//! ephemeral claim on a storage class (disk, file, high-speed file), a ConfigMap or a
//! Secret (seed 000's storage).

use std::collections::BTreeSet;

use crate::walk::At;
use crate::{dns_label, dns_subdomain, Findings, Violation};

use super::container::one_of;

/// The storage classes a disk or file volume may ask for: block disks by medium, file
/// storage, and high-speed file storage by tier.
pub const STORAGE_CLASSES: [&str; 6] = [
    "disk-ssd",
    "disk-sas",
    "disk-sata",
    "file-standard",
    "turbo-standard",
    "turbo-performance",
];

/// Checks the volumes, answering their names (mounts must name one of them).
pub(super) fn validate(volumes: &At, findings: &mut Findings) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for volume in volumes.items() {
        let name = volume.field("name");
        let text = name.str().unwrap_or_default();
        findings.check(&name.path, dns_label(text));
        if !names.insert(text.to_owned()) {
            findings.error(name.path, Violation::Duplicate(text.to_owned()));
        }
        quantity(&volume.field("emptyDir").field("sizeLimit"), findings);
        let claim = volume
            .field("ephemeral")
            .field("volumeClaimTemplate")
            .field("spec");
        if claim.present() {
            let class = claim.field("storageClassName");
            if class.present() {
                one_of(&class, &STORAGE_CLASSES, findings);
            } else {
                findings.error(class.path, Violation::Required);
            }
            let storage = claim.field("resources").field("requests").field("storage");
            if storage.present() {
                quantity(&storage, findings);
            } else {
                findings.error(storage.path, Violation::Required);
            }
        }
        for (source, field) in [("configMap", "name"), ("secret", "secretName")] {
            let source = volume.field(source);
            if source.present() {
                let name = source.field(field);
                findings.check(&name.path, dns_subdomain(name.str().unwrap_or_default()));
            }
        }
    }
    names
}

fn quantity(at: &At, findings: &mut Findings) {
    if let Some(Err(e)) = at.str().map(crate::quantity::parse) {
        findings.error(&at.path, e);
    } else if at.present() && at.str().is_none() && at.int().is_none() {
        findings.error(&at.path, Violation::Quantity);
    }
}
