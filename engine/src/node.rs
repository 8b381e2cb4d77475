//! Simulated nodes: their capacity (CPU, memory, GPUs, pods), addresses, labels and the
//! pod type they run (SPEC §1.1: general-purpose, RDMA or GPU nodes).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Node, NodeAddress, NodeCondition, NodeSpec, NodeStatus, NodeSystemInfo,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::jiff::Timestamp;

/// How many pods a simulated node takes (the kubelet's default `maxPods`).
const MAX_PODS: &str = "110";

/// A node to add with [`Engine::add_simulated_node`](crate::Engine::add_simulated_node):
/// built up from a name, a number and a capacity, then GPUs, a pod type and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedNode {
    name: String,
    number: u16,
    cpu: u32,
    memory_gib: u32,
    gpus: u32,
    labels: BTreeMap<String, String>,
}

impl SimulatedNode {
    /// A node named `name` numbered `number` (below 3,072) with `cpu` cores and
    /// `memory_gib` GiB: its pods take addresses from `10.<244 + number / 256>.<number %
    /// 256>.0/24`. Without a pod type it runs general-purpose pods.
    pub fn new(name: &str, number: u16, cpu: u32, memory_gib: u32) -> Self {
        SimulatedNode {
            name: name.to_owned(),
            number,
            cpu,
            memory_gib,
            gpus: 0,
            labels: BTreeMap::new(),
        }
    }

    /// Offers `gpus` of the extended resource `nvidia.com/gpu`, as the NVIDIA device
    /// plugin advertises them.
    pub fn gpus(mut self, gpus: u32) -> Self {
        self.gpus = gpus;
        self
    }

    /// Runs only pods of `pod_type` (`general`, `rdma`, `gpu`): the node's
    /// `berth.dev/pod-type` label, which the scheduler matches to the pod's annotation.
    pub fn pod_type(self, pod_type: &str) -> Self {
        self.label(rules::workload::POD_TYPE, pod_type)
    }

    /// Adds the label `key: value`.
    pub fn label(mut self, key: &str, value: &str) -> Self {
        self.labels.insert(key.to_owned(), value.to_owned());
        self
    }

    /// What the node's kubelet reports of its machine, as a kubeadm node of Kubernetes
    /// 1.32 on Ubuntu with containerd reports it.
    fn info(&self) -> NodeSystemInfo {
        let id = format!("{:032x}", u128::from(self.number) * 0x9e37_79b9_7f4a_7c15);
        NodeSystemInfo {
            architecture: "amd64".to_owned(),
            boot_id: id.clone(),
            container_runtime_version: "containerd://1.7.24".to_owned(),
            kernel_version: "6.8.0-51-generic".to_owned(),
            kube_proxy_version: "v1.32.0".to_owned(),
            kubelet_version: "v1.32.0".to_owned(),
            machine_id: id.clone(),
            operating_system: "linux".to_owned(),
            os_image: "Ubuntu 24.04.1 LTS".to_owned(),
            system_uuid: id,
        }
    }

    /// The Node object, Ready since `now`.
    pub(crate) fn build(&self, now: Timestamp) -> Node {
        let (high, low) = (244 + self.number / 256, self.number % 256);
        let address = u32::from(self.number) + 10;
        let mut capacity = BTreeMap::from([
            ("cpu".to_owned(), Quantity(self.cpu.to_string())),
            (
                "memory".to_owned(),
                Quantity(format!("{}Gi", self.memory_gib)),
            ),
            ("pods".to_owned(), Quantity(MAX_PODS.to_owned())),
        ]);
        if self.gpus > 0 {
            capacity.insert(
                rules::workload::GPU_RESOURCE.to_owned(),
                Quantity(self.gpus.to_string()),
            );
        }
        // The kubelet's well-known labels; the node's own come after, and win.
        let mut labels: BTreeMap<String, String> = [
            ("beta.kubernetes.io/arch", "amd64"),
            ("beta.kubernetes.io/os", "linux"),
            ("kubernetes.io/arch", "amd64"),
            ("kubernetes.io/hostname", self.name.as_str()),
            ("kubernetes.io/os", "linux"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        labels.extend(self.labels.clone());
        Node {
            metadata: ObjectMeta {
                name: Some(self.name.clone()),
                labels: Some(labels),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                pod_cidr: Some(format!("10.{high}.{low}.0/24")),
                ..Default::default()
            }),
            status: Some(NodeStatus {
                addresses: Some(vec![NodeAddress {
                    type_: "InternalIP".to_owned(),
                    address: format!("192.168.{}.{}", address / 256, address % 256),
                }]),
                node_info: Some(self.info()),
                allocatable: Some(capacity.clone()),
                capacity: Some(capacity),
                conditions: Some(vec![NodeCondition {
                    type_: "Ready".to_owned(),
                    status: "True".to_owned(),
                    reason: Some("KubeletReady".to_owned()),
                    message: Some("kubelet is posting ready status".to_owned()),
                    last_transition_time: Some(Time(now)),
                    last_heartbeat_time: Some(Time(now)),
                }]),
                ..Default::default()
            }),
        }
    }
}
