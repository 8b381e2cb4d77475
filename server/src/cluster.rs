//! The engine shared by every request, and the loop that moves it along in real time.
//! Reads share the engine and never run its controllers: only writes and the driver
//! advance it, so a GET answers from the store as it is while pods pile up.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use engine::clock::SystemClock;
use engine::Engine;
use tokio::sync::{watch, Notify};

/// The longest the driver sleeps when nothing is due, so the engine's `now` stays fresh.
const IDLE_TICK: Duration = Duration::from_secs(1);

/// The engine behind a reader-writer lock, with a signal that fires whenever its
/// objects change.
pub struct Cluster {
    engine: RwLock<Engine>,
    changed: watch::Sender<u64>,
    kick: Notify,
}

impl Cluster {
    /// A cluster on the system clock holding `engine`.
    pub fn new(engine: Engine) -> Arc<Self> {
        let rv = engine.store().resource_version();
        Arc::new(Cluster {
            engine: RwLock::new(engine),
            changed: watch::channel(rv).0,
            kick: Notify::new(),
        })
    }

    /// An engine on the system clock with the default RBAC roles, and the demo data
    /// when `demo` is set.
    pub fn with_demo(demo: bool) -> Result<Arc<Self>, engine::Error> {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        let mut engine = Engine::new(Arc::new(SystemClock), seed);
        engine::rbac::bootstrap(&mut engine)?;
        if demo {
            engine::demo::seed(&mut engine)?;
        }
        Ok(Cluster::new(engine))
    }

    // A panic while holding the lock leaves the engine as consistent as any write that
    // stopped half-way; serving on beats refusing every request after.
    fn lock(&self) -> RwLockWriteGuard<'_, Engine> {
        self.engine.write().unwrap_or_else(|e| e.into_inner())
    }

    fn share(&self) -> RwLockReadGuard<'_, Engine> {
        self.engine.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the engine as it is, beside other reads: the driver keeps it caught up
    /// with the clock.
    pub fn read<R>(&self, f: impl FnOnce(&Engine) -> R) -> R {
        f(&self.share())
    }

    /// Writes through the engine, then wakes the watches and the driver.
    pub fn write<R>(&self, f: impl FnOnce(&mut Engine) -> R) -> R {
        let out = {
            let mut engine = self.lock();
            engine.tick();
            let out = f(&mut engine);
            self.publish(&engine);
            out
        };
        self.kick.notify_one();
        out
    }

    /// A receiver that wakes whenever the resourceVersion moves.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    fn publish(&self, engine: &Engine) {
        let rv = engine.store().resource_version();
        self.changed.send_if_modified(|current| {
            let moved = *current != rv;
            *current = rv;
            moved
        });
    }

    /// Fires the engine's timers as they fall due, for as long as the server runs.
    pub async fn drive(self: Arc<Self>) {
        loop {
            let next = {
                let mut engine = self.lock();
                engine.tick();
                self.publish(&engine);
                engine.next_wakeup().map(|at| {
                    let wait = at.duration_since(engine.now());
                    Duration::try_from(wait).unwrap_or(Duration::ZERO)
                })
            };
            let sleep = next.unwrap_or(IDLE_TICK).min(IDLE_TICK);
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = self.kick.notified() => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    use engine::clock::VirtualClock;
    use engine::k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
    use engine::k8s_openapi::api::core::v1::Pod;
    use engine::{demo, pod_state, Engine};

    use super::Cluster;

    /// The live pods of each ReplicaSet of `nginx-demo` match what it asks for: true
    /// only once the controllers have settled a write.
    fn settled(engine: &Engine) -> bool {
        let store = engine.store();
        store.list::<ReplicaSet>(Some("default")).all(|rs| {
            let uid = rs.metadata.uid.as_deref().unwrap_or_default();
            let live = store
                .owned_by::<Pod>(uid)
                .filter(|p| pod_state::is_active(p))
                .count();
            let wanted = rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            usize::try_from(wanted).is_ok_and(|w| w == live)
        })
    }

    #[test]
    fn reads_beside_writes_see_the_store_only_as_a_settled_write_leaves_it() {
        let mut engine = Engine::new(Arc::new(VirtualClock::default()), 7);
        engine.add_node("node-1", 1, 64, 256).expect("a node");
        engine.create(demo::namespace("default")).expect("default");
        engine
            .create(demo::deployment("default", "nginx-demo", "nginx:1.27", 3))
            .expect("a deployment");
        let cluster = Cluster::new(engine);
        let done = Arc::new(AtomicBool::new(false));
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let (cluster, done) = (cluster.clone(), done.clone());
                std::thread::spawn(move || {
                    let mut reads = 0u32;
                    while !done.load(Ordering::Relaxed) || reads == 0 {
                        assert!(cluster.read(settled), "a read saw a write half-settled");
                        reads += 1;
                    }
                    reads
                })
            })
            .collect();
        for replicas in (0..200).map(|i| 1 + i % 7) {
            cluster.write(|e| {
                let current = e.store().get::<Deployment>("default", "nginx-demo");
                let mut d = (*current.expect("nginx-demo")).clone();
                d.spec.get_or_insert_with(Default::default).replicas = Some(replicas);
                e.update(d).expect("scale");
            });
        }
        done.store(true, Ordering::Relaxed);
        for reader in readers {
            assert!(reader.join().expect("reader") > 0);
        }
    }
}
