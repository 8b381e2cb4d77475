//! A container's writable layer: what exec sessions (and lifecycle hooks) wrote or
//! removed, kept for the container's run so the next session finds it, as a real
//! container's file system does until the container is replaced.

use std::collections::{BTreeMap, BTreeSet};

use super::world::World;

/// A container's files and folders at one moment: what a session's later writes are
/// measured against (not the whole world: its DNS names and servers never change).
#[derive(Debug, Clone, Default)]
pub(super) struct Snapshot {
    files: BTreeMap<String, Vec<u8>>,
    dirs: BTreeSet<String>,
}

impl Snapshot {
    /// `world`'s files and folders now.
    pub(super) fn of(world: &World) -> Self {
        Snapshot {
            files: world.files.clone(),
            dirs: world.dirs.clone(),
        }
    }

    /// Whether `world` has written or removed anything since.
    pub(super) fn differs(&self, world: &World) -> bool {
        self.files != world.files || self.dirs != world.dirs
    }
}

/// The changes one run of a container made to its image's files.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layer {
    /// Files written (`Some`) or removed (`None`), by absolute path.
    files: BTreeMap<String, Option<Vec<u8>>>,
    /// Folders made.
    dirs: BTreeSet<String>,
}

impl Layer {
    /// The changes from `base` to `now`.
    pub(super) fn between(base: &Snapshot, now: &World) -> Self {
        let mut layer = Layer::default();
        for (path, content) in &now.files {
            if base.files.get(path) != Some(content) {
                layer.files.insert(path.clone(), Some(content.clone()));
            }
        }
        for path in base.files.keys() {
            if !now.files.contains_key(path) {
                layer.files.insert(path.clone(), None);
            }
        }
        layer.dirs = now.dirs.difference(&base.dirs).cloned().collect();
        layer
    }

    /// Whether it changes nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty() && self.dirs.is_empty()
    }

    /// Lays `later` over this layer: its changes win.
    pub(crate) fn merge(&mut self, later: Layer) {
        self.files.extend(later.files);
        self.dirs.extend(later.dirs);
    }

    /// Applies the changes to a fresh view of the container.
    pub(super) fn apply(&self, world: &mut World) {
        for dir in &self.dirs {
            world.mkdir(dir);
        }
        for (path, content) in &self.files {
            match content {
                Some(content) => world.write(path, content.clone()),
                None => {
                    world.files.remove(path);
                }
            }
        }
    }
}
