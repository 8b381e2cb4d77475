//! The engine shared by every request, and the loop that moves it along in real time.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use engine::clock::SystemClock;
use engine::Engine;
use tokio::sync::{watch, Notify};

/// The longest the driver sleeps when nothing is due, so the engine's `now` stays fresh.
const IDLE_TICK: Duration = Duration::from_secs(1);

/// The engine behind a lock, with a signal that fires whenever its objects change.
pub struct Cluster {
    engine: Mutex<Engine>,
    changed: watch::Sender<u64>,
    kick: Notify,
}

impl Cluster {
    /// A cluster on the system clock holding `engine`.
    pub fn new(engine: Engine) -> Arc<Self> {
        let rv = engine.store().resource_version();
        Arc::new(Cluster {
            engine: Mutex::new(engine),
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

    fn lock(&self) -> MutexGuard<'_, Engine> {
        // A panic while holding the lock leaves the engine as consistent as any write
        // that stopped half-way; serving on beats refusing every request after.
        self.engine.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the engine, caught up with the clock.
    pub fn read<R>(&self, f: impl FnOnce(&Engine) -> R) -> R {
        let mut engine = self.lock();
        engine.tick();
        let out = f(&engine);
        self.publish(&engine);
        out
    }

    /// Writes through the engine, then wakes the watches and the driver.
    pub fn write<R>(&self, f: impl FnOnce(&mut Engine) -> R) -> R {
        let out = {
            let mut engine = self.lock();
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
