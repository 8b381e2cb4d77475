//! The one error of assembling the site.

use std::path::{Path, PathBuf};

/// Why the site could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The WASM could not be split into its chunks.
    #[error("splitting {path}: {message}")]
    Split {
        /// The WASM.
        path: PathBuf,
        /// What the splitter said.
        message: String,
    },
    /// A build tool could not be started or failed.
    #[error("{tool} failed: {message}")]
    Tool {
        /// Its name (wasm-bindgen, wasm-opt, terser, clean-css).
        tool: &'static str,
        /// What it printed, or why it did not start.
        message: String,
    },
}

impl Error {
    /// Maps an I/O error to one naming `path`: `.map_err(Error::io(path))`.
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
