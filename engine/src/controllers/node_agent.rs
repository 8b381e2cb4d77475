//! The simulated node agent (a kubelet): pulls images, starts containers, reports
//! status, and stops the containers of deleted pods before removing them.

use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{
    ContainerState, ContainerStateRunning, ContainerStateWaiting, ContainerStatus, Node, Pod,
    PodIP, PodStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::Ctx;
use crate::pod_state;

const COMPONENT: &str = "kubelet";

/// Where a pod is in its life on the node.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Pulling { until: Timestamp },
    Starting { until: Timestamp },
    Running,
    Stopping { until: Timestamp },
}

/// The agent of every simulated node, with what it knows of each pod it runs.
#[derive(Default)]
pub(crate) struct NodeAgent {
    runs: HashMap<String, Stage>,
    next_host: HashMap<String, u32>,
}

impl NodeAgent {
    /// One pass over every pod bound to a node.
    pub(crate) fn sync_all(&mut self, ctx: &mut Ctx) {
        let pods: Vec<Arc<Pod>> = ctx
            .store
            .list::<Pod>(None)
            .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some())
            .cloned()
            .collect();
        let mut seen = std::collections::HashSet::with_capacity(pods.len());
        for pod in pods {
            let uid = pod.metadata.uid.clone().unwrap_or_default();
            self.sync(ctx, &pod, &uid);
            seen.insert(uid);
        }
        self.runs.retain(|uid, _| seen.contains(uid));
    }

    fn sync(&mut self, ctx: &mut Ctx, pod: &Pod, uid: &str) {
        let now = ctx.now;
        let stage = self.runs.get(uid).copied();
        if pod_state::is_terminating(pod) {
            match stage {
                Some(Stage::Stopping { until }) if until <= now => {
                    let (ns, name) = crate::store::key_of(pod);
                    let _ = ctx.store.remove::<Pod>(&ns, &name);
                    self.runs.remove(uid);
                }
                Some(Stage::Stopping { .. }) => {}
                _ => self.stop(ctx, pod, uid),
            }
            return;
        }
        match stage {
            None => self.admit(ctx, pod, uid),
            Some(Stage::Pulling { until }) if until <= now => {
                for c in containers(pod) {
                    let took = ctx.timings.image_pull.as_millis();
                    let image = c.1;
                    ctx.record(
                        pod,
                        false,
                        "Pulled",
                        format!("Successfully pulled image \"{image}\" in {took}ms"),
                        COMPONENT,
                    );
                    ctx.record(
                        pod,
                        false,
                        "Created",
                        format!("Created container: {}", c.0),
                        COMPONENT,
                    );
                }
                let until = now + ctx.timings.container_start;
                ctx.wake_at(until);
                self.runs.insert(uid.to_owned(), Stage::Starting { until });
            }
            Some(Stage::Starting { until }) if until <= now => {
                for c in containers(pod) {
                    ctx.record(
                        pod,
                        false,
                        "Started",
                        format!("Started container {}", c.0),
                        COMPONENT,
                    );
                }
                set_running(ctx, pod);
                self.runs.insert(uid.to_owned(), Stage::Running);
            }
            _ => {}
        }
    }

    /// A pod new to its node: it gets an IP, its containers wait in ContainerCreating
    /// and their images are pulled.
    fn admit(&mut self, ctx: &mut Ctx, pod: &Pod, uid: &str) {
        let node_name = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .unwrap_or_default();
        let node = ctx.store.get::<Node>("", &node_name);
        let host_ip = node.as_ref().and_then(|n| {
            n.status
                .as_ref()?
                .addresses
                .as_ref()?
                .first()
                .map(|a| a.address.clone())
        });
        let pod_ip = node
            .as_ref()
            .and_then(|n| n.spec.as_ref()?.pod_cidr.clone())
            .map(|cidr| {
                let prefix = cidr.trim_end_matches("0/24");
                // Hosts .2 to .254 of the node's /24, handed out in turn.
                let issued = self.next_host.entry(node_name.clone()).or_insert(0);
                let host = *issued % 253 + 2;
                *issued += 1;
                format!("{prefix}{host}")
            });
        let mut started = pod.clone();
        started.metadata.resource_version = None;
        let status = started.status.get_or_insert_with(PodStatus::default);
        status.phase = Some("Pending".to_owned());
        status.host_ip.clone_from(&host_ip);
        status.pod_ip.clone_from(&pod_ip);
        status.pod_ips = pod_ip.clone().map(|ip| vec![PodIP { ip }]);
        status.start_time = Some(Time(ctx.now));
        status.qos_class = Some("BestEffort".to_owned());
        let conditions = status.conditions.get_or_insert_with(Vec::new);
        pod_state::set_condition(conditions, "Initialized", true, ctx.now);
        pod_state::set_condition(conditions, "ContainersReady", false, ctx.now);
        pod_state::set_condition(conditions, "Ready", false, ctx.now);
        status.container_statuses = Some(
            containers(pod)
                .map(|(name, image)| ContainerStatus {
                    name: name.to_owned(),
                    image: image.to_owned(),
                    image_id: String::new(),
                    ready: false,
                    restart_count: 0,
                    started: Some(false),
                    state: Some(ContainerState {
                        waiting: Some(ContainerStateWaiting {
                            reason: Some("ContainerCreating".to_owned()),
                            message: None,
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .collect(),
        );
        if let Ok(started) = ctx.store.update(started) {
            for (_, image) in containers(&started) {
                ctx.record(
                    &*started,
                    false,
                    "Pulling",
                    format!("Pulling image \"{image}\""),
                    COMPONENT,
                );
            }
        }
        let until = ctx.now + ctx.timings.image_pull;
        ctx.wake_at(until);
        self.runs.insert(uid.to_owned(), Stage::Pulling { until });
    }

    /// A deleted pod: its containers get the stop signal and exit within the grace period.
    fn stop(&mut self, ctx: &mut Ctx, pod: &Pod, uid: &str) {
        let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(0);
        let took = ctx
            .timings
            .termination
            .min(SignedDuration::from_secs(grace));
        let running = matches!(
            self.runs.get(uid),
            Some(Stage::Running | Stage::Starting { .. })
        );
        if running {
            for (name, _) in containers(pod) {
                ctx.record(
                    pod,
                    false,
                    "Killing",
                    format!("Stopping container {name}"),
                    COMPONENT,
                );
            }
        }
        let until = ctx.now + took;
        ctx.wake_at(until);
        if until <= ctx.now {
            let (ns, name) = crate::store::key_of(pod);
            let _ = ctx.store.remove::<Pod>(&ns, &name);
            self.runs.remove(uid);
        } else {
            self.runs.insert(uid.to_owned(), Stage::Stopping { until });
        }
    }
}

fn containers(pod: &Pod) -> impl Iterator<Item = (&str, &str)> {
    pod.spec
        .iter()
        .flat_map(|s| s.containers.iter())
        .map(|c| (c.name.as_str(), c.image.as_deref().unwrap_or_default()))
}

fn set_running(ctx: &mut Ctx, pod: &Pod) {
    let mut running = pod.clone();
    running.metadata.resource_version = None;
    let now = ctx.now;
    let status = running.status.get_or_insert_with(PodStatus::default);
    status.phase = Some("Running".to_owned());
    for c in status.container_statuses.iter_mut().flatten() {
        c.ready = true;
        c.started = Some(true);
        c.state = Some(ContainerState {
            running: Some(ContainerStateRunning {
                started_at: Some(Time(now)),
            }),
            ..Default::default()
        });
    }
    let conditions = status.conditions.get_or_insert_with(Vec::new);
    pod_state::set_condition(conditions, "ContainersReady", true, now);
    pod_state::set_condition(conditions, "Ready", true, now);
    let _ = ctx.store.update(running);
}
