//! The create-workload wizard's state: the draft, what the shared rules say of the
//! manifests it stands for, which messages are shown, and what the server answered.

pub mod batch;
pub mod container_draft;
pub mod draft;
pub mod extras;
pub mod import;
pub mod manifest;
mod messages;
pub mod placement;
pub mod runtime;
pub mod settings;
mod storage;
pub mod text;
pub mod volumes;
pub mod yaml;

use std::collections::BTreeSet;

use leptos::prelude::*;
use rules::{Findings, Violation};
use serde_json::Value;

use crate::api::StatusCause;
pub use draft::Draft;
pub use messages::violation_text;

/// The five steps, in order (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Name, namespace, description, pods, pod type.
    Basic,
    /// The pod's containers.
    Containers,
    /// No access, intranet or internet.
    Access,
    /// Upgrade strategy and the rest.
    Advanced,
    /// Summary, server dry-run, Submit.
    Confirm,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 5] = [
        Step::Basic,
        Step::Containers,
        Step::Access,
        Step::Advanced,
        Step::Confirm,
    ];

    /// The step's URL segment.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Basic => "basic",
            Step::Containers => "containers",
            Step::Access => "access",
            Step::Advanced => "advanced",
            Step::Confirm => "confirm",
        }
    }

    /// The step of a URL segment.
    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The step's URL.
    pub fn href(self) -> String {
        format!("/workloads/create/{}", self.slug())
    }

    /// Which step shows the field at `path` of the workload (`service.` for the Service).
    pub fn of_path(path: &str) -> Step {
        if path.starts_with("service.") {
            Step::Access
        } else if path.starts_with("spec.template.spec.containers")
            || path.starts_with("spec.template.spec.initContainers")
            || path.starts_with("spec.template.spec.volumes")
            || path.starts_with(&format!(
                "spec.template.metadata.annotations[{}",
                rules::workload::LOGS_PREFIX
            ))
        {
            Step::Containers
        } else if path.starts_with("spec.strategy")
            || path.starts_with("spec.updateStrategy")
            || path.starts_with("spec.minReadySeconds")
            || path.starts_with("spec.progressDeadlineSeconds")
            || path.starts_with("spec.template.spec.dns")
            || path.starts_with("spec.template.spec.securityContext")
            || path.starts_with("spec.template.spec.affinity")
            || path.starts_with("spec.podManagementPolicy")
        {
            Step::Advanced
        } else {
            Step::Basic
        }
    }
}

/// The id of the control showing the field at `path` (labels point at it, and the
/// wizard moves focus to it).
pub fn field_id(path: &str) -> String {
    let id: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{id}")
}

/// The wizard's state, shared by its steps through context.
#[derive(Clone, Copy)]
pub struct Wizard {
    /// What has been typed.
    pub draft: RwSignal<Draft>,
    /// Fields whose messages are shown (left once, or on a Next that was refused).
    pub touched: RwSignal<BTreeSet<String>>,
    /// The workload manifest the draft stands for (built once per change, for the
    /// rules, the flavour picker and Confirm).
    pub workload: Memo<Value>,
    /// The Service manifest, when the workload has access.
    pub service: Memo<Option<Value>>,
    /// What the shared rules say of the workload and Service manifests (Service paths
    /// are prefixed `service.`).
    pub findings: Memo<Findings>,
    /// What the server refused at the last dry-run or Submit.
    pub server: RwSignal<Vec<StatusCause>>,
    /// Whether the chosen namespace is a GPU namespace.
    pub gpu_namespace: RwSignal<bool>,
}

impl Wizard {
    /// A wizard over the draft kept in the browser, or a fresh one.
    pub fn new() -> Self {
        let draft = RwSignal::new(Draft::default());
        let gpu_namespace = RwSignal::new(false);
        storage::keep(draft);
        let workload = Memo::new(move |_| draft.with(manifest::workload));
        let service = Memo::new(move |_| draft.with(manifest::service));
        let findings = Memo::new(move |_| {
            let context = rules::Context {
                gpu_namespace: gpu_namespace.get(),
            };
            workload.with(|w| service.with(|s| check(w, s.as_ref(), context)))
        });
        Wizard {
            draft,
            workload,
            service,
            touched: RwSignal::new(BTreeSet::new()),
            findings,
            server: RwSignal::new(Vec::new()),
            gpu_namespace,
        }
    }

    /// A text of the draft, as a signal.
    pub fn text(&self, read: impl Fn(&Draft) -> String + Send + Sync + 'static) -> Signal<String> {
        let draft = self.draft;
        Signal::derive(move || draft.with(|d| read(d)))
    }

    /// Writes a typed text into the draft.
    pub fn setter(
        &self,
        write: impl Fn(&mut Draft, String) + Send + Sync + 'static,
    ) -> impl Fn(String) + Send + Sync + 'static {
        let draft = self.draft;
        move |value| draft.update(|d| write(d, value))
    }

    /// Marks the field at `path` as left, so its message shows.
    pub fn touch(&self, path: &str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_owned());
            });
        }
    }

    /// The message to show at `path`: the server's word first, then the rules' error
    /// once the field was left, then a warning.
    pub fn message(&self, path: &str) -> Option<Message> {
        if let Some(cause) = self
            .server
            .with(|s| s.iter().find(|c| c.field == path).cloned())
        {
            return Some(Message::Server(cause.message));
        }
        if !self.touched.with(|t| t.contains(path)) {
            return None;
        }
        self.findings.with(|f| {
            f.error_at(path)
                .map(|v| Message::Error(v.clone()))
                .or_else(|| f.warning_at(path).map(|v| Message::Warning(v.clone())))
        })
    }

    /// The paths with errors on `step`, in the order the rules found them.
    pub fn errors_on(&self, step: Step) -> Vec<String> {
        self.findings.with(|f| {
            f.errors
                .iter()
                .map(|e| e.path.clone())
                .filter(|p| step == Step::Confirm || Step::of_path(p) == step)
                .collect()
        })
    }

    /// Forgets the draft (after Submit).
    pub fn reset(&self) {
        self.draft.set(Draft::default());
        self.touched.set(BTreeSet::new());
        self.server.set(Vec::new());
    }
}

impl Default for Wizard {
    fn default() -> Self {
        Self::new()
    }
}

/// A message at a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A broken rule: Next is blocked.
    Error(Violation),
    /// Allowed, but worth knowing.
    Warning(Violation),
    /// The server's own words.
    Server(String),
}

/// The rules' findings over both manifests of a draft.
fn check(workload: &Value, service: Option<&Value>, context: rules::Context) -> Findings {
    let mut findings = rules::validate_workload(workload, context);
    for found in findings
        .errors
        .iter_mut()
        .chain(findings.warnings.iter_mut())
    {
        found.path = batch::form_path(&found.path);
    }
    if let Some(service) = service {
        let mut of_service = rules::validate_service(service);
        // A CronJob's pods are those of its Job template.
        let spec = match workload["kind"].as_str() {
            Some("CronJob") => &workload["spec"]["jobTemplate"]["spec"],
            _ => &workload["spec"],
        };
        let ports = rules::check_target_ports(service, &spec["template"]["spec"]);
        of_service.warnings.extend(ports.warnings);
        let prefix = |mut e: rules::FieldError| {
            e.path = format!("service.{}", e.path);
            e
        };
        findings
            .errors
            .extend(of_service.errors.into_iter().map(prefix));
        findings
            .warnings
            .extend(of_service.warnings.into_iter().map(prefix));
    }
    findings
}
