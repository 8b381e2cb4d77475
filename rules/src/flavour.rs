//! Pod flavours: each pod type offers fixed CPU/memory (and GPU) sizes, and a pod's
//! limits add up to one of them (SPEC §1.1), as on a serverless container platform.

use serde_json::Value;

use crate::quantity;

/// One size a pod type offers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flavour {
    /// vCPUs.
    pub cpu: f64,
    /// Memory in GiB.
    pub memory_gib: f64,
    /// GPUs.
    pub gpu: u32,
}

const GENERAL: [Flavour; 6] = [
    Flavour {
        cpu: 0.25,
        memory_gib: 0.5,
        gpu: 0,
    },
    Flavour {
        cpu: 0.5,
        memory_gib: 1.0,
        gpu: 0,
    },
    Flavour {
        cpu: 1.0,
        memory_gib: 2.0,
        gpu: 0,
    },
    Flavour {
        cpu: 2.0,
        memory_gib: 4.0,
        gpu: 0,
    },
    Flavour {
        cpu: 4.0,
        memory_gib: 8.0,
        gpu: 0,
    },
    Flavour {
        cpu: 8.0,
        memory_gib: 16.0,
        gpu: 0,
    },
];
const RDMA: [Flavour; 2] = [
    Flavour {
        cpu: 8.0,
        memory_gib: 32.0,
        gpu: 0,
    },
    Flavour {
        cpu: 16.0,
        memory_gib: 64.0,
        gpu: 0,
    },
];
const GPU: [Flavour; 3] = [
    Flavour {
        cpu: 4.0,
        memory_gib: 16.0,
        gpu: 1,
    },
    Flavour {
        cpu: 8.0,
        memory_gib: 32.0,
        gpu: 2,
    },
    Flavour {
        cpu: 16.0,
        memory_gib: 64.0,
        gpu: 4,
    },
];

/// The flavours of a pod type (`general`, `rdma`, `gpu`).
pub fn flavours(pod_type: &str) -> &'static [Flavour] {
    match pod_type {
        "rdma" => &RDMA,
        "gpu" => &GPU,
        _ => &GENERAL,
    }
}

/// The flavour whose size is exactly `cpu` vCPUs, `memory` (a quantity) and `gpu`.
pub fn matching(pod_type: &str, cpu: f64, memory_bytes: f64, gpu: f64) -> Option<Flavour> {
    let gib = memory_bytes / 1_073_741_824.0;
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    flavours(pod_type)
        .iter()
        .copied()
        .find(|f| close(f.cpu, cpu) && close(f.memory_gib, gib) && close(f64::from(f.gpu), gpu))
}

/// A flavour written as limits: CPU in millicores, memory in MiB.
pub fn as_limits(flavour: Flavour, share: u32) -> (String, String) {
    let share = f64::from(share.max(1));
    let millis = (flavour.cpu * 1000.0 / share).round();
    let mib = (flavour.memory_gib * 1024.0 / share).round();
    (format!("{millis}m"), format!("{mib}Mi"))
}

/// A pod's total limits (vCPU, memory bytes, GPUs) over its main `containers` (a JSON
/// array), or `None` when no container sets a limit.
pub fn pod_limits(containers: &Value) -> Option<(f64, f64, f64)> {
    let read = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .and_then(|q| quantity::parse(q).ok())
    };
    let mut any = false;
    let mut total = (0.0, 0.0, 0.0);
    for c in containers.as_array().into_iter().flatten() {
        let limits = &c["resources"]["limits"];
        let gpu = limits
            .as_object()
            .and_then(|l| l.iter().find(|(k, _)| k.ends_with("/gpu")).map(|(_, v)| v));
        let (cpu, memory, gpu) = (
            read(limits.get("cpu")),
            read(limits.get("memory")),
            read(gpu),
        );
        any |= cpu.is_some() || memory.is_some() || gpu.is_some();
        total.0 += cpu.unwrap_or(0.0);
        total.1 += memory.unwrap_or(0.0);
        total.2 += gpu.unwrap_or(0.0);
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_of_a_flavour_add_back_up_to_it() {
        let f = flavours("general")[1];
        assert_eq!(as_limits(f, 1), ("500m".to_owned(), "1024Mi".to_owned()));
        assert_eq!(as_limits(f, 2), ("250m".to_owned(), "512Mi".to_owned()));
        assert_eq!(matching("general", 0.5, 1_073_741_824.0, 0.0), Some(f));
        assert_eq!(matching("gpu", 0.5, 1_073_741_824.0, 0.0), None);
    }
}
