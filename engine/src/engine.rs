//! The engine: the store, the controllers, and time. Every write goes through here so
//! the controllers react to it at once.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::authentication::v1::TokenRequest;
use k8s_openapi::api::core::v1::Node;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::DeleteOptions;
use k8s_openapi::jiff::Timestamp;

use crate::clock::Clock;
use crate::controllers::garbage_collector::Collector;
use crate::controllers::node_agent::NodeAgent;
use crate::controllers::queue::Queue;
use crate::controllers::scheduler::Scheduler;
use crate::controllers::{
    cronjob, daemonset, deployment, endpoints, garbage_collector, job, namespace, replicaset,
    resource_quota, scheduler, service, service_account, statefulset, ttl_after_finished, Ctx,
};
use crate::delete::Deletable;
use crate::node::SimulatedNode;
use crate::store::{Object, Store};
use crate::timings::Timings;
use crate::{Error, FieldError};

/// Controller passes after which a write that keeps causing writes is given up on.
const MAX_PASSES: usize = 64;

/// The in-memory cluster.
pub struct Engine {
    store: Store,
    clock: Arc<dyn Clock>,
    now: Timestamp,
    timings: Timings,
    wakeups: BinaryHeap<Reverse<Timestamp>>,
    agent: NodeAgent,
    deployments: deployment::Controller,
    replica_sets: Queue,
    collector: Collector,
    scheduler: Scheduler,
    quotas: Queue,
    stateful_sets: Queue,
    daemon_sets: Queue,
    services: Queue,
    endpoints: Queue,
    service_accounts: Queue,
    jobs: job::Controller,
    job_ttls: Queue,
    cron_jobs: Queue,
    namespaces: namespace::Controller,
    signer: crate::tokens::Signer,
}

impl Engine {
    /// An empty cluster reading time from `clock`, its random names seeded by `seed`.
    pub fn new(clock: Arc<dyn Clock>, seed: u64) -> Self {
        let now = clock.now();
        Engine {
            store: Store::new(seed),
            clock,
            now,
            timings: Timings::default(),
            wakeups: BinaryHeap::new(),
            agent: NodeAgent::default(),
            deployments: deployment::Controller::default(),
            replica_sets: Queue::default(),
            collector: Collector::default(),
            scheduler: Scheduler::default(),
            quotas: Queue::default(),
            stateful_sets: Queue::default(),
            daemon_sets: Queue::default(),
            services: Queue::default(),
            endpoints: Queue::default(),
            service_accounts: Queue::default(),
            jobs: job::Controller::default(),
            job_ttls: Queue::default(),
            cron_jobs: Queue::default(),
            namespaces: namespace::Controller::default(),
            signer: crate::tokens::Signer::random(),
        }
    }

    /// Uses other durations for the node agent's steps.
    pub fn with_timings(mut self, timings: Timings) -> Self {
        self.timings = timings;
        self
    }

    /// Read access to every object.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Write access to the store, bypassing the controllers (tests and tools only).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The time of the engine's latest step.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// When the engine next has work to do without being told anything.
    pub fn next_wakeup(&self) -> Option<Timestamp> {
        self.wakeups.peek().map(|Reverse(t)| *t)
    }

    /// How many times the scheduler has tried to place a pod since the engine started:
    /// a pod that does not fit is tried again only after an event that could make it
    /// fit, and its back-off.
    pub fn scheduling_attempts(&self) -> u64 {
        self.scheduler.attempts()
    }

    /// Catches up with the clock: every timer due by now fires, in time order, each
    /// followed by the controllers.
    pub fn tick(&mut self) {
        let target = self.clock.now();
        while let Some(Reverse(at)) = self.wakeups.peek().copied() {
            if at > target {
                break;
            }
            while self.wakeups.peek().is_some_and(|Reverse(t)| *t <= at) {
                self.wakeups.pop();
            }
            self.now = self.now.max(at);
            self.settle();
        }
        self.now = self.now.max(target);
    }

    /// Creates an object, as `POST` does.
    pub fn create<K: Object>(&mut self, obj: K) -> Result<Arc<K>, Error> {
        self.create_warned(obj).map(|(created, _)| created)
    }

    /// Creates an object, answering it with the rules' warnings (the API's `Warning`
    /// headers).
    pub fn create_warned<K: Object>(&mut self, obj: K) -> Result<(Arc<K>, Vec<FieldError>), Error> {
        self.tick();
        let (obj, warnings) = self.admitted(obj)?;
        let created = crate::admission::create(&mut self.store, obj, self.now)?;
        self.settle();
        // What the create's own admission gives at once upstream (a Service's
        // clusterIP) is a controller here: answer the object as they left it.
        let (namespace, name) = crate::store::key_of(&*created);
        let current = self.store.get::<K>(&namespace, &name).unwrap_or(created);
        Ok((current, warnings))
    }

    /// Checks a create without making it (`?dryRun=All`): the answer is the object as
    /// it would be stored (named, with a uid and creation time, resourceVersion aside)
    /// and the rules' warnings, or the error the create would give.
    pub fn check_create<K: Object>(&mut self, obj: K) -> Result<(K, Vec<FieldError>), Error> {
        let (obj, warnings) = self.admitted(obj)?;
        crate::admission::admit_create(&self.store, &obj)?;
        let previewed = self.store.preview_create(obj, self.now)?;
        Ok((previewed, warnings))
    }

    /// What a create and its dry run share: the name drawn first, so the field rules
    /// check the name the object gets (upstream's `BeforeCreate` generates it before
    /// validating), then the defaults, then the rules, answering their warnings.
    fn admitted<K: Object>(&mut self, mut obj: K) -> Result<(K, Vec<FieldError>), Error> {
        crate::admission::generate_free_name(&mut self.store, &mut obj);
        obj.prepare();
        let warnings = crate::admission::admit(&self.store, &obj)?;
        Ok((obj, warnings))
    }

    /// Checks a replacement without making it (`?dryRun=All`): the answer is the
    /// object as it would be stored and the rules' warnings, or the update's error.
    pub fn check_update<K: Object>(&self, mut obj: K) -> Result<(K, Vec<FieldError>), Error> {
        crate::admission::prepare_update(&self.store, &mut obj);
        let warnings = crate::admission::admit_update(&self.store, &obj)?;
        Ok((obj, warnings))
    }

    /// Replaces an object, as `PUT` does. An object being deleted that the update
    /// leaves with nothing to wait for (its last finalizer gone) is removed.
    pub fn update<K: Deletable>(&mut self, obj: K) -> Result<Arc<K>, Error> {
        self.update_warned(obj).map(|(updated, _)| updated)
    }

    /// Replaces an object, answering it with the rules' warnings.
    pub fn update_warned<K: Deletable>(
        &mut self,
        mut obj: K,
    ) -> Result<(Arc<K>, Vec<FieldError>), Error> {
        self.tick();
        crate::admission::prepare_update(&self.store, &mut obj);
        let warnings = crate::admission::admit_update(&self.store, &obj)?;
        let updated = crate::delete::update(&mut self.store, obj)?;
        self.settle();
        Ok((updated, warnings))
    }

    /// Deletes an object, as `DELETE` does: gracefully for a running pod, at once
    /// otherwise; dependents follow in the background. `grace` overrides the pod's
    /// `terminationGracePeriodSeconds`.
    pub fn delete<K: Deletable>(
        &mut self,
        namespace: &str,
        name: &str,
        grace: Option<i64>,
    ) -> Result<Arc<K>, Error> {
        self.delete_with::<K>(
            namespace,
            name,
            &DeleteOptions {
                grace_period_seconds: grace,
                ..Default::default()
            },
        )
    }

    /// Deletes an object with upstream's `DeleteOptions`: `gracePeriodSeconds`,
    /// `propagationPolicy` (or the older `orphanDependents`) and `preconditions`. The
    /// answer is the object as the delete and the controllers after it left it: still
    /// there, marked, while a grace period or a foreground deletion runs.
    pub fn delete_with<K: Deletable>(
        &mut self,
        namespace: &str,
        name: &str,
        options: &DeleteOptions,
    ) -> Result<Arc<K>, Error> {
        self.tick();
        let deleted =
            crate::delete::delete_with::<K>(&mut self.store, self.now, namespace, name, options)?;
        self.settle();
        Ok(self.store.get::<K>(namespace, name).unwrap_or(deleted))
    }

    /// Rolls a Deployment back to the template of `revision` (the previous one for
    /// `None`), as `kubectl rollout undo` does: the old ReplicaSet becomes current again
    /// and takes the next revision number.
    pub fn rollback(
        &mut self,
        namespace: &str,
        name: &str,
        revision: Option<i64>,
    ) -> Result<Arc<Deployment>, Error> {
        self.tick();
        let not_found = || Error::NotFound {
            kind: crate::store::resource_name::<Deployment>(),
            name: name.to_owned(),
        };
        let current = self
            .store
            .get::<Deployment>(namespace, name)
            .ok_or_else(not_found)?;
        let template =
            deployment::template_at(&self.store, &current, revision).ok_or_else(|| {
                Error::Invalid {
                    kind: "Deployment".to_owned(),
                    name: name.to_owned(),
                    causes: vec![crate::FieldError {
                        field: "revision".to_owned(),
                        message: match revision {
                            Some(r) => format!("unable to find specified revision {r} in history"),
                            None => "no rollout history found".to_owned(),
                        },
                    }],
                }
            })?;
        let mut rolled = (*current).clone();
        if let Some(spec) = rolled.spec.as_mut() {
            spec.template = template;
        }
        self.update(rolled)
    }

    /// A container's log lines, oldest first, as `kubectl logs` reads them: `container`
    /// may be left out for a pod of one container; `tail` keeps the last lines, `since`
    /// the lines from that time on, `previous` reads the run before the current one.
    /// Errors are upstream's: the pod not found, or (as `Invalid`, which upstream
    /// answers as 400 Bad Request) a container that is not the pod's, has not started,
    /// or has no previous run.
    pub fn logs(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        tail: Option<usize>,
        since: Option<Timestamp>,
        previous: bool,
    ) -> Result<Vec<String>, Error> {
        let lines = self.timed_logs(namespace, pod, container, tail, since, previous)?;
        Ok(lines.into_iter().map(|(_, line)| line).collect())
    }

    /// [`Engine::logs`], each line with the time it was written (`kubectl logs
    /// --timestamps`).
    pub fn timed_logs(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        tail: Option<usize>,
        since: Option<Timestamp>,
        previous: bool,
    ) -> Result<Vec<(Timestamp, String)>, Error> {
        let query = crate::controllers::node_agent::LogQuery {
            namespace,
            pod,
            container,
            previous,
            tail,
            since,
        };
        self.agent.read_logs(&self.store, self.now, &query)
    }

    /// A shell session in a running container, as `kubectl exec` opens one; errors
    /// are upstream's (the pod not found; as `Invalid`, answered 400, a container that
    /// is not the pod's or not running, or a pod on no node).
    pub fn exec(&self, target: &crate::ExecTarget) -> Result<crate::ExecSession, Error> {
        self.agent.exec(&self.store, self.now, target)
    }

    /// Attaches to a running container's process, as `kubectl attach` does; errors as
    /// [`Engine::exec`]'s.
    pub fn attach(&self, target: &crate::ExecTarget) -> Result<crate::Attachment, Error> {
        self.agent.attach(&self.store, self.now, target)
    }

    /// What the attached process printed after `after`; `None` once it has ended.
    pub fn attached_output(
        &self,
        attachment: &crate::Attachment,
        after: Timestamp,
    ) -> Option<Vec<(Timestamp, String)>> {
        self.agent.attached_output(attachment, after, self.now)
    }

    /// The attached shell exited with `code` (or read the end of its input): the
    /// container's process ends, and the kubelet restarts it as its policy says.
    pub fn end_attached(&mut self, attachment: &mut crate::Attachment, code: i32) {
        self.agent.end_attached(attachment, code, self.now);
        self.settle();
    }

    /// Keeps the files an exec session wrote in its container, so that later sessions
    /// (and probes) find them, until the container restarts.
    pub fn keep(&mut self, session: &mut crate::ExecSession) {
        self.agent.keep(session);
    }

    /// Adds a ready simulated node with the given capacity (CPU cores, memory in GiB),
    /// its pods taking addresses from `10.244.<index>.0/24`.
    pub fn add_node(
        &mut self,
        name: &str,
        index: u8,
        cpu: u32,
        memory_gib: u32,
    ) -> Result<Arc<Node>, Error> {
        self.add_numbered_node(name, index.into(), cpu, memory_gib)
    }

    /// Adds a ready simulated node numbered `number` (below 3,072), for clusters of
    /// more than 255 nodes: its pods take addresses from `10.<244 + number / 256>.<number
    /// % 256>.0/24` (the ranges of [`Engine::add_node`] for numbers up to 255).
    pub fn add_numbered_node(
        &mut self,
        name: &str,
        number: u16,
        cpu: u32,
        memory_gib: u32,
    ) -> Result<Arc<Node>, Error> {
        self.add_simulated_node(SimulatedNode::new(name, number, cpu, memory_gib))
    }

    /// Adds a ready simulated node as `node` describes it: with GPUs, a pod type or
    /// labels besides the capacity of [`Engine::add_numbered_node`].
    pub fn add_simulated_node(&mut self, node: SimulatedNode) -> Result<Arc<Node>, Error> {
        let node = node.build(self.now);
        self.create(node)
    }

    /// Answers a TokenRequest for the ServiceAccount `namespace/name`
    /// (`serviceaccounts/<name>/token`): the request, defaulted, with the token.
    pub fn issue_token(
        &mut self,
        namespace: &str,
        name: &str,
        request: TokenRequest,
    ) -> Result<TokenRequest, Error> {
        self.tick();
        crate::tokens::issue(
            &self.store,
            &self.signer,
            self.now,
            namespace,
            name,
            request,
        )
    }

    /// The ServiceAccount user a bearer token stands for, if this engine issued it
    /// and it still holds.
    pub fn token_user(&self, token: &str) -> Option<crate::rbac::UserInfo> {
        let now = self.now.max(self.clock.now());
        crate::tokens::user(&self.store, &self.signer, now, token)
    }

    /// Runs the controllers until none of them has anything left to change: what every
    /// write through the engine does, for writes made with [`Engine::store_mut`].
    pub fn settle(&mut self) {
        for _ in 0..MAX_PASSES {
            let before = self.store.resource_version();
            let mut ctx = Ctx::new(&mut self.store, self.now, &self.timings, &mut self.wakeups);
            resource_quota::sync_all(&mut ctx, &mut self.quotas);
            service_account::sync_all(&mut ctx, &mut self.service_accounts);
            deployment::sync_all(&mut ctx, &mut self.deployments);
            replicaset::sync_all(&mut ctx, &mut self.replica_sets);
            statefulset::sync_all(&mut ctx, &mut self.stateful_sets);
            daemonset::sync_all(&mut ctx, &mut self.daemon_sets);
            cronjob::sync_all(&mut ctx, &mut self.cron_jobs);
            job::sync_all(&mut ctx, &mut self.jobs);
            ttl_after_finished::sync_all(&mut ctx, &mut self.job_ttls);
            scheduler::sync_all(&mut ctx, &mut self.scheduler);
            self.agent.sync_all(&mut ctx);
            service::sync_all(&mut ctx, &mut self.services);
            endpoints::sync_all(&mut ctx, &mut self.endpoints);
            garbage_collector::sync_all(&mut ctx, &mut self.collector);
            namespace::sync_all(&mut ctx, &mut self.namespaces);
            // After each pass, not only at the end: in a burst, a settle of many
            // passes would otherwise keep every version of every object it wrote.
            self.forget_seen_changes();
            if self.store.resource_version() == before {
                return;
            }
        }
        tracing::warn!("controllers still writing after {MAX_PASSES} passes");
    }

    /// Drops the changes every controller has seen.
    fn forget_seen_changes(&mut self) {
        let seen = [
            self.deployments.seen(),
            self.replica_sets.seen(),
            self.agent.seen(),
            self.collector.seen(),
            self.scheduler.seen(),
            self.quotas.seen(),
            self.stateful_sets.seen(),
            self.daemon_sets.seen(),
            self.services.seen(),
            self.endpoints.seen(),
            self.service_accounts.seen(),
            self.jobs.seen(),
            self.job_ttls.seen(),
            self.cron_jobs.seen(),
            self.namespaces.seen(),
        ];
        self.store
            .forget_changes(seen.into_iter().min().unwrap_or(0));
    }
}
