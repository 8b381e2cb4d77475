//! The site starts as a copy of `public/` (icons, xterm.js), as cargo-leptos'
//! `assets-dir` did.

use std::fs;
use std::path::Path;

use crate::Error;

/// Empties `site` (a chunk of an older build must not be served) and copies every file
/// of `public` into it.
pub fn replace_site(public: &Path, site: &Path) -> Result<(), Error> {
    match fs::remove_dir_all(site) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io(site)(error))
        }
        _ => {}
    }
    copy_folder(public, site)
}

fn copy_folder(from: &Path, to: &Path) -> Result<(), Error> {
    fs::create_dir_all(to).map_err(Error::io(to))?;
    for entry in fs::read_dir(from).map_err(Error::io(from))? {
        let entry = entry.map_err(Error::io(from))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(Error::io(&source))?.is_dir() {
            copy_folder(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(Error::io(&source))?;
        }
    }
    Ok(())
}
