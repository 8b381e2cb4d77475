//! What the node knows of each pod it runs: the pod's sandbox and, per container, the
//! state the runtime has it in.

use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::backoff::Backoff;
use super::command::Plan;
use super::probes::Probes;

/// How long the kubelet takes to notice that a container exited: PLEG's relist period.
pub(super) const RELIST: SignedDuration = SignedDuration::from_secs(1);

/// One pod on the node.
#[derive(Debug)]
pub(super) struct PodRun {
    /// The pod's IP in its node's range.
    pub pod_ip: Option<String>,
    /// The node's IP.
    pub host_ip: Option<String>,
    /// When the node took the pod on (`status.startTime`).
    pub start_time: Timestamp,
    /// The init containers, run one after another.
    pub init: Vec<Container>,
    /// The app containers, run together once the init containers completed.
    pub main: Vec<Container>,
    /// When a deleted pod's containers will have stopped.
    pub stopping: Option<Timestamp>,
    /// The grace period ran out before the containers stopped: they were killed.
    pub killed: bool,
    /// The resourceVersion of the agent's latest status write: changes up to it are
    /// ones the agent has seen.
    pub written: u64,
}

/// One container of a pod, across its restarts.
#[derive(Debug)]
pub(super) struct Container {
    /// Its name in the pod spec.
    pub name: String,
    /// Where it is now.
    pub state: State,
    /// How many times it was started again.
    pub restart_count: i32,
    /// Its previous run's end (`lastState.terminated`).
    pub last: Option<Exit>,
    /// The end of the run before that, shown as `lastState` while a restart is being
    /// created (`state` then still shows the last run's end).
    pub before_last: Option<Exit>,
    /// The restart back-off.
    pub crash_backoff: Backoff,
    /// The image pull back-off.
    pub pull_backoff: Backoff,
    /// How many pulls of its image failed in a row.
    pub failed_pulls: u32,
    /// The image was pulled (or found on the node) at least once: its ID is known.
    pub image_id: Option<String>,
    /// How many runs it had: the seed of its container IDs.
    pub runs: u32,
}

/// Where a container is.
#[derive(Debug)]
pub(super) enum State {
    /// Not running, to be tried (again) at `retry`; `reason` and `message` are shown.
    /// At `backoff_from`, an image pull error turns into ImagePullBackOff.
    Waiting {
        reason: String,
        message: Option<String>,
        retry: Timestamp,
        backoff_from: Option<Timestamp>,
    },
    /// Pulling its image until `until`; `found` says whether the registry has it.
    Pulling {
        until: Timestamp,
        began: Timestamp,
        found: bool,
    },
    /// Created, starting at `until` with the resolved environment.
    Creating {
        until: Timestamp,
        env: Vec<(String, String)>,
    },
    /// Its process runs.
    Running(Box<Run>),
    /// Its process ended; the kubelet notices at `finished_at` + [`RELIST`].
    Exited(Exit),
}

/// A running container.
#[derive(Debug)]
pub(super) struct Run {
    /// When it started.
    pub since: Timestamp,
    /// Its runtime ID (`containerd://…`).
    pub container_id: String,
    /// What its process does: log lines, files, its end.
    pub plan: Plan,
    /// The ports it binds, at `since` + the image's start time.
    pub listens: Vec<u16>,
    /// When it binds its ports.
    pub bind_at: Timestamp,
    /// It bound them.
    pub bound: bool,
    /// The startup probe passed (or there is none).
    pub started: bool,
    /// It passes its readiness probe (or has none and started).
    pub ready: bool,
    /// Where its probes are.
    pub probes: Probes,
    /// Its environment, for exec probes' `$VAR`s.
    pub env: Vec<(String, String)>,
    /// What exec sessions and hooks wrote to its file system.
    pub layer: super::exec::Layer,
}

/// How a container's run ended (`state.terminated`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Exit {
    /// The exit code.
    pub code: i32,
    /// `Completed` for 0, `Error` otherwise.
    pub reason: String,
    /// When it started.
    pub started_at: Timestamp,
    /// When it ended.
    pub finished_at: Timestamp,
    /// Its runtime ID.
    pub container_id: String,
}

impl Exit {
    /// An end with `code` at `at` of the run that began at `since`.
    pub(super) fn new(code: i32, since: Timestamp, at: Timestamp, container_id: &str) -> Self {
        Exit {
            code,
            reason: if code == 0 { "Completed" } else { "Error" }.to_owned(),
            started_at: since,
            finished_at: at,
            container_id: container_id.to_owned(),
        }
    }
}

impl Container {
    /// A container not started yet, due for its first attempt at `at`.
    pub(super) fn new(name: &str, at: Timestamp, first_reason: &str) -> Self {
        Container {
            name: name.to_owned(),
            state: State::Waiting {
                reason: first_reason.to_owned(),
                message: None,
                retry: at,
                backoff_from: None,
            },
            restart_count: 0,
            last: None,
            before_last: None,
            crash_backoff: Backoff::default(),
            pull_backoff: Backoff::default(),
            failed_pulls: 0,
            image_id: None,
            runs: 0,
        }
    }

    /// The container runs and its ports are open.
    pub(super) fn run(&self) -> Option<&Run> {
        match &self.state {
            State::Running(run) => Some(run),
            _ => None,
        }
    }

    /// Ready, as `containerStatuses[].ready` says.
    pub(super) fn ready(&self) -> bool {
        self.run().is_some_and(|r| r.ready)
    }

    /// Ran to completion with exit code 0 and the kubelet noticed (an init container
    /// that is done).
    pub(super) fn completed(&self, now: Timestamp) -> bool {
        matches!(&self.state, State::Exited(e) if e.code == 0 && e.finished_at + RELIST <= now)
    }

    /// The ports it holds bound now.
    pub(super) fn bound_ports(&self) -> &[u16] {
        match self.run() {
            Some(run) if run.bound => &run.listens,
            _ => &[],
        }
    }
}

/// A runtime ID made from `seed`: 64 hex digits, as containerd's.
pub(super) fn hex_id(seed: &str) -> String {
    (0u64..4)
        .map(|salt| {
            // FNV-1a: stable across runs, so virtual-time tests see the same IDs.
            let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ salt;
            for byte in seed.bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
            format!("{hash:016x}")
        })
        .collect()
}
